/** netdoctor's version, read once from package.json (kept in one place). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string };

export const NETDOCTOR_VERSION: string = pkg.version;
