/** What `--prove` saw when the kernel ran the plan: per pair, and per route it added. */

export interface ProvedPair {
  readonly from: string;
  readonly to: string;
  /** The echo request arrived at the host on `to` (its ICMP InEchos counter went up). */
  readonly delivered: boolean;
  /** `ping -c 1 -W 1` from the host on `from` got its answer. */
  readonly replied: boolean;
  /** The ping command as run, for evidence. */
  readonly command: string;
  /** ping's summary line. */
  readonly output: string;
}

export interface ProvedRoute {
  readonly router: string;
  /** The plan's route text. */
  readonly route: string;
  /** `ip route add` accepted it. */
  readonly added: boolean;
  /** What ip said when it refused. */
  readonly error: string;
}

export interface ProveResults {
  readonly pairs: readonly ProvedPair[];
  readonly routes: readonly ProvedRoute[];
  readonly durationMs: number;
}
