/** A line or record a parser could not read. Parsing never fails: it warns and goes on. */
export interface ParseWarning {
  /** The snapshot key of the source: command line or file path. */
  readonly source: string;
  readonly message: string;
}

export interface Parsed<T> {
  readonly records: T[];
  readonly warnings: ParseWarning[];
  /** The `ifname` of each record dropped for a bad field: records that name it are suspect. */
  readonly droppedNames?: string[];
}
