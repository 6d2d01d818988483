// Planted: a parser importing upwards (net/ is above parse/).
import { role } from '../net/role.js';

export const parsed = role;
