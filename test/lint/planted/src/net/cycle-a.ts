// Planted: a cycle made only of `import type` (import-x/no-cycle does not see it).
import type { B } from './cycle-b.js';

export interface A {
  readonly b?: B;
}
