// Planted: a static import of an OS module outside src/system/.
import { readFileSync } from 'node:fs';

export const read = (path: string): string => readFileSync(path, 'utf8');
