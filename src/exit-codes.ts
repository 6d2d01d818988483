/** The exit codes, as the README states them. */
export const EXIT_OK = 0;
/** The command ran and found problems (findings of severity error, no Pi with --pi, ...). */
export const EXIT_PROBLEMS = 1;
/** Bad usage or an environment that cannot do it (bad input, missing tool, no privilege). */
export const EXIT_USAGE = 2;
/**
 * The command stopped before it finished, for a reason of the host rather than a signal (a
 * sweep whose prefix stopped being on-link mid-sweep): what it printed is incomplete.
 */
export const EXIT_INCOMPLETE = 3;
