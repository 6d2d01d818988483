// Planted: the frame tests' helper reaching the real system.
import { runCommand } from '../../src/system/run.js';

export const terminal = runCommand();
