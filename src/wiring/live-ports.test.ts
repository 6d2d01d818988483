/**
 * The TUI's ports load their code on first use (issue 20): building them starts no probe
 * module, and each port, when used, answers with what the Host it forwards to gives.
 */
import { describe, expect, it, vi } from 'vitest';
import { LOCAL_HOST, type DoctorProbes, type Host } from './host.js';
import { livePorts } from './live-ports.js';
import type { ArpSender } from '../probes/garp/arp-sender.js';
import type { GarpDeps } from '../probes/garp/probe.js';

/** LOCAL_HOST with spies where the probe code loads; nothing here sends or runs anything. */
function spiedHost(sender: ArpSender, probes: DoctorProbes) {
  const garp = vi.fn(async (): Promise<GarpDeps> => ({ readHost: LOCAL_HOST.readState, sender }));
  const doctor = vi.fn(async () => probes);
  const trace = vi.fn(LOCAL_HOST.trace);
  const host: Host = { ...LOCAL_HOST, garp, doctor, trace, uid: async () => 1234 };
  return { host, garp, doctor, trace };
}

const sender: ArpSender = {
  detect: async () => null,
  run: async (argv) => ({ argv, stdout: 'ran', stderr: '', exitCode: 0 }) as never,
  ping: async () => ({ ok: true }) as never,
  pingInstalled: async () => true,
  rawSocketAccess: async () => 'root' as never,
};

const probes: DoctorProbes = {
  deps: {} as DoctorProbes['deps'],
  arping: async () => 'iputils',
};

describe('livePorts', () => {
  it('loads no probe code until a port is used, then forwards to the host', async () => {
    const { host, garp, doctor, trace } = spiedHost(sender, probes);
    const ports = await livePorts(host);
    expect(garp).not.toHaveBeenCalled();
    expect(doctor).not.toHaveBeenCalled();
    expect(trace).not.toHaveBeenCalled();
    expect(ports.route.uid()).toBe(1234);

    expect(await ports.doctor.arping()).toBe('iputils');
    expect(await ports.garp?.sender.run(['arping', '-V'])).toEqual(
      await sender.run(['arping', '-V']),
    );
    expect(await ports.garp?.sender.pingInstalled()).toBe(true);
    expect(await ports.garp?.sender.rawSocketAccess()).toBe('root');
    expect(await ports.garp?.sender.detect()).toBeNull();
    // Made once, however often used.
    expect(garp).toHaveBeenCalledTimes(1);
    expect(doctor).toHaveBeenCalledTimes(1);
    expect(ports.garp?.readHost).toBe(host.readState);
  });

  it("the doctor's probe run streams what runDoctorProbes streams", async () => {
    const { host } = spiedHost(sender, probes);
    const ports = await livePorts(host);
    const events = [];
    const plan = { probes: [], skipped: [] } as never;
    for await (const e of ports.doctor.runProbes(plan, null, new AbortController().signal)) {
      events.push(e);
    }
    const { runDoctorProbes } = await import('../probes/doctor/run.js');
    const direct = [];
    for await (const e of runDoctorProbes(plan, probes.deps, null)) direct.push(e);
    expect(events).toEqual(direct);
    expect(events[0]).toMatchObject({ type: 'plan' });
  });
});
