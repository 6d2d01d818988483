// stub: the OS layer the others must not reach.
export function runCommand(): string {
  return '';
}
