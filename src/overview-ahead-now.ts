/**
 * Imported first by main.ts, so that it runs before the rest of the app is initialised: a
 * live overview's commands start now (commands/overview-ahead.ts). The terminal test is
 * processIo's (cli.tsx).
 */
import { startOverviewReadAhead } from './commands/overview-ahead.js';

startOverviewReadAhead(process.argv.slice(2), Boolean(process.stdout.isTTY && process.stdin.isTTY));
