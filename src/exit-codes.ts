/** The exit codes, as the README states them. */
export const EXIT_OK = 0;
/** The command ran and found problems (findings of severity error, no Pi with --pi, ...). */
export const EXIT_PROBLEMS = 1;
/** Bad usage or an environment that cannot do it (bad input, missing tool, no privilege). */
export const EXIT_USAGE = 2;
