// Planted: a focused test, which silently skips the rest of its file.
import { it } from 'vitest';

it.only('runs alone', () => {});
