// Planted: the other half of the type-only cycle.
import type { A } from './cycle-a.js';

export interface B {
  readonly a?: A;
}
