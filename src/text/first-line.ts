/**
 * The first line of an error, or of a text a tool printed: what a status line, a job's end or
 * a debug line shows of it. Not made safe here: the caller draws it through safeText.
 */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? '';
}
