// Types for eslint.config.js, so test/lint/layers.test.ts can build the configuration
// rooted at its planted tree.
import type { Linter } from 'eslint';

export function netdoctorLint(root?: string): Linter.Config[];
declare const config: Linter.Config[];
export default config;
