// Planted: the OS reached by `require()` and by `import()` outside src/system/.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const childProcess: unknown = require('node:child_process');
export const execa = (): Promise<unknown> => import('execa');
