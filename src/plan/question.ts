/** The plan as the rules read it: the parsed plan, its simulation, and --prove's results. */
import type { ProveResults } from './prove-types.js';
import { simulate, type Simulation } from './simulate.js';
import type { Plan } from './types.js';

export interface PlanQuestion {
  readonly plan: Plan;
  readonly simulation: Simulation;
  readonly prove?: ProveResults;
}

export function planQuestion(plan: Plan, prove?: ProveResults): PlanQuestion {
  return { plan, simulation: simulate(plan), ...(prove ? { prove } : {}) };
}
