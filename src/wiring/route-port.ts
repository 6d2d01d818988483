/**
 * The Route panel's port on a host: the kernel's own answer (`ip -j -d route get`, what
 * `netdoctor route` asks too) and the live trace, opened the way `netdoctor trace` opens it
 * (the local route checked first, mtr-packet or else traceroute, reverse names for the hops).
 */
import type { RoutePort, TraceSession } from '../ui/ports.js';
import type { Host } from './host.js';
import type { TracePort } from './trace-port.js';

/** The port; the trace's code loads when the first trace opens, not before the first frame. */
export async function liveRoutePort(host: Host): Promise<RoutePort> {
  const uid = await host.uid();
  let tracePort: Promise<TracePort> | undefined;
  return {
    routeGet: async (query, signal) => {
      const out = await host.kernelRoute(query, signal);
      return {
        argv: out.argv,
        stdout: out.stdout,
        stderr: out.stderr,
        status: out.exitCode,
        ...(out.error !== undefined ? { error: out.error } : {}),
      };
    },
    openTrace: async (config): Promise<TraceSession> => {
      // As the command does: no one host (multicast, broadcast, 0.0.0.0) is not traced, and
      // a host that cannot send there says why, in one sentence, rather than starting
      // mtr-packet (which crashes on a local unreachable route).
      const [{ refusedTarget }, { Tracer }, env] = await Promise.all([
        import('../probes/trace/target.js'),
        import('../probes/trace/tracer.js'),
        (tracePort ??= host.trace()),
      ]);
      const refused = refusedTarget(config.target);
      if (refused !== null) throw new Error(refused);
      const blocked = await env.localRoute(config.target, config.source);
      if (blocked !== null) throw new Error(blocked);
      const { open, note } = await env.chooseBackend(undefined);
      const tracer = new Tracer(config, open);
      return {
        note,
        snapshot: () => tracer.snapshot(),
        stop: () => tracer.stop(),
        run: async (signal) => {
          const names = new AbortController();
          const lookups = env.nameLookups(
            names.signal,
            (ip, name) => tracer.setName(ip, name),
            500,
          );
          const off = tracer.on((e) => {
            if (e.type === 'answer' && 'address' in e.outcome) lookups.add(e.outcome.address);
          });
          try {
            return await tracer.run(signal);
          } finally {
            off();
            names.abort();
          }
        },
      };
    },
    uid: () => uid,
  };
}
