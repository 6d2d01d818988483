/**
 * The fallback backend when mtr-packet is absent: one `traceroute -n` child per probe,
 * parsed as it streams (traceroute-argv.ts). Costlier than mtr-packet (a process per probe)
 * and limited to UDP without privilege; the report names mtr-tiny as the upgrade.
 */
import type { HostAccess, StreamedProcess } from '../../system/access.js';
import { hasCapability } from '../../system/capabilities.js';
import { tracerouteArgv, tracerouteOutcome } from './traceroute-argv.js';
import type { OpenBackend } from './types.js';

/** The backend over a host's traceroute (its access runs each probe's argv). */
export const tracerouteBackend =
  (access: HostAccess): OpenBackend =>
  async (config, sink) => {
    const privileged = await hasCapability('CAP_NET_RAW', access);
    const children = new Set<StreamedProcess>();
    let closing = false;
    return {
      name: 'traceroute',
      send: (probe) => {
        const argv = tracerouteArgv(config, probe.ttl, probe.timeoutMs, privileged);
        let answered = false;
        const errors: string[] = [];
        void access
          .stream(argv, {
            onLine: (line) => {
              const o = tracerouteOutcome(line, probe.token, probe.ttl, config.target.address);
              if (o && !answered) {
                answered = true;
                sink.outcome(o);
              }
            },
            onErrorLine: (line) => {
              if (line.trim()) errors.push(line.trim());
            },
          })
          .then(
            (child) => {
              // A probe sent as the trace closes: nothing waits for it any more, so end it now.
              if (closing) child.stop();
              children.add(child);
              void child.done.then(({ exitCode }) => {
                children.delete(child);
                if (answered || closing) return;
                const problem =
                  errors.join('; ') || `traceroute ended (exit ${exitCode ?? 'signal'})`;
                sink.outcome({
                  token: probe.token,
                  kind: 'error',
                  problem: `traceroute: ${problem}`,
                });
              });
            },
            (err: unknown) => sink.fatal(err instanceof Error ? err.message : String(err)),
          );
      },
      close: async () => {
        closing = true;
        const all = [...children];
        for (const c of all) c.stop();
        await Promise.all(all.map((c) => c.done));
      },
    };
  };
