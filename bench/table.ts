/**
 * The one table `npm run bench` prints. A bench file contributes rows with one function,
 * `export async function rows(ctx: BenchContext): Promise<Row[]>`, listed in bench/index.ts.
 * A row holds netdoctor's figure, its anchor's figure measured in the same run (or none, for
 * an absolute target), and the target; the table computes the ratio and whether it holds.
 */

export type Target =
  /** ours / anchor at most this. */
  | { readonly ratioAtMost: number }
  /** ours at most this, in the row's unit. */
  | { readonly atMost: number }
  /** ours at least this, in the row's unit. */
  | { readonly atLeast: number };

export interface Row {
  /** What is measured, e.g. `netdoctor --version (wall, median of 15)`. */
  readonly figure: string;
  /** `count`: a bare number (events, things left behind). */
  readonly unit: 'ms' | 'MB' | '%' | 'hosts' | 'count';
  readonly ours: number;
  /** The anchor measured in the same run, alternating with ours. */
  readonly anchor?: { readonly name: string; readonly value: number };
  /** None: the figure is shown for the record. */
  readonly target: Target | null;
  /** Anything the reader needs: per-round values, why a row was skipped. */
  readonly note?: string;
}

export interface BenchContext {
  /** Whether lab namespaces can be built here (root, ip netns): scan and trace need them. */
  readonly labReason: string | null;
  /** Absolute path of the built file (dist/netdoctor.mjs). */
  readonly bundle: string;
  /** Progress lines (stderr), so that stdout holds the table alone. */
  readonly log: (line: string) => void;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

function fmt(value: number, unit: Row['unit']): string {
  if (!Number.isFinite(value)) return '-';
  if (unit === 'count') return value.toFixed(0);
  const digits = unit === 'ms' && value < 10 ? 2 : unit === 'MB' || unit === '%' ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

export function holds(row: Row): boolean {
  const t = row.target;
  if (t === null) return true;
  if ('ratioAtMost' in t)
    return row.anchor !== undefined && row.ours / row.anchor.value <= t.ratioAtMost;
  if ('atMost' in t) return row.ours <= t.atMost;
  return row.ours >= t.atLeast;
}

function targetText(row: Row): string {
  const t = row.target;
  if (t === null) return '-';
  if ('ratioAtMost' in t) return `≤ ${t.ratioAtMost} ×`;
  if ('atMost' in t) return `≤ ${fmt(t.atMost, row.unit)}`;
  return `≥ ${fmt(t.atLeast, row.unit)}`;
}

/** A Markdown table (it pastes into the README as is), then the notes. */
export function renderTable(rows: readonly Row[]): string {
  const head = ['figure', 'netdoctor', 'anchor', 'anchor value', 'ratio', 'target', 'holds'];
  const body = rows.map((r) => [
    r.figure,
    fmt(r.ours, r.unit),
    r.anchor?.name ?? '-',
    r.anchor ? fmt(r.anchor.value, r.unit) : '-',
    r.anchor ? `${(r.ours / r.anchor.value).toFixed(2)} ×` : '-',
    targetText(r),
    Number.isNaN(r.ours) ? 'not run' : r.target === null ? '-' : holds(r) ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const notes = rows.flatMap((r) => (r.note ? [`- ${r.figure}: ${r.note}`] : []));
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(notes.length ? ['', ...notes] : []),
    '',
  ].join('\n');
}
