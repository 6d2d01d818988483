/**
 * Carries out what the Discover panel asks for: a sweep (streaming its events into the
 * store), cancelling it, handing the terminal to ssh, exporting the table. The one place
 * the panel's work touches the world, through the DiscoverProbe in context. Leaving the
 * panel (or the TUI) aborts a sweep in flight, and with it every child process.
 */
import { useEffect, useRef, type Dispatch } from 'react';
import { useStdin, useStdout } from 'ink';
import type { Action } from '../../actions.js';
import type { AppState } from '../../state.js';
import { hostsCsv, hostJson } from '../../../probes/discover/export.js';
import { useDiscoverProbeDeps } from './probe.js';
import { discoverRows, hostContext, selectedRow } from './state.js';

const CLEAR_SCREEN = '\u001b[2J\u001b[H';

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function useDiscover(state: AppState, dispatch: Dispatch<Action>): void {
  const probe = useDiscoverProbeDeps();
  const { setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const controller = useRef<AbortController | null>(null);
  const d = state.discover;
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => () => controller.current?.abort(), []);

  useEffect(() => {
    if (d.sweepRequest === 0) return;
    dispatch({ type: 'discover/request-taken', kind: 'sweep' });
    const s = latest.current;
    if (s.origin.kind === 'snapshot') {
      dispatch({
        type: 'discover/message',
        message: `this is a snapshot (${s.origin.path}): a sweep would probe this machine's LAN, not that host's; run netdoctor live there`,
      });
      return;
    }
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    void (async () => {
      try {
        const targets = await probe.targets();
        const ctx = hostContext(s.host);
        dispatch({
          type: 'discover/sweep-started',
          targets: targets.map((t) => `${t.iface} ${t.prefix.cidr}`),
          context: {
            selfAddresses: new Set([
              ...ctx.selfAddresses,
              ...targets.flatMap((t) => t.localAddresses),
            ]),
            gateways: new Set([...ctx.gateways, ...targets.flatMap((t) => t.gateways)]),
          },
          at: probe.now().getTime(),
        });
        await probe.sweep(targets, c.signal, (event) =>
          dispatch({ type: 'discover/event', event }),
        );
        dispatch({
          type: 'discover/sweep-ended',
          status: c.signal.aborted ? 'cancelled' : 'done',
          message: null,
          at: probe.now().getTime(),
        });
      } catch (err) {
        dispatch({
          type: 'discover/sweep-ended',
          status: 'failed',
          message: oneLine(err),
          at: probe.now().getTime(),
        });
      }
    })();
  }, [d.sweepRequest, dispatch, probe]);

  useEffect(() => {
    if (d.cancelRequest > 0) controller.current?.abort();
  }, [d.cancelRequest]);

  useEffect(() => {
    const request = d.sshRequest;
    if (request === null) return;
    dispatch({ type: 'discover/request-taken', kind: 'ssh' });
    const s = latest.current;
    const host = selectedRow(s, discoverRows(s));
    if (!host) return;
    if (s.origin.kind !== 'live') {
      // The hosts of a snapshot are on another machine's LAN: not reachable from here.
      dispatch({
        type: 'discover/message',
        message: 'ssh needs a live host: these hosts come from a snapshot',
      });
      return;
    }
    if (s.discover.status === 'sweeping') {
      dispatch({ type: 'discover/message', message: 'a sweep is running: x stops it, then S' });
      return;
    }
    const user = request.user === 'pi' ? 'pi' : probe.user();
    const target = host.ip.startsWith('fe80:') ? `${host.ip}%${host.iface}` : host.ip;
    // The terminal goes to ssh: out of raw mode, a clean screen, and back when it exits.
    if (isRawModeSupported) setRawMode(false);
    stdout.write(CLEAR_SCREEN);
    let message: string;
    try {
      const code = probe.handOver(['ssh', `${user}@${target}`]);
      // ssh's own last error lines ("Permission denied ...") stay on screen after the redraw.
      const said = code !== 0 ? (probe.lastErrorLines?.() ?? []) : [];
      message =
        code === null
          ? 'ssh could not start: apt-get install openssh-client'
          : `ssh ${user}@${target} ended (exit ${code})${said.length ? `: ${said.join(' | ')}` : ''}`;
    } catch (err) {
      message = oneLine(err);
    }
    if (isRawModeSupported) setRawMode(true);
    stdout.write(CLEAR_SCREEN);
    dispatch({ type: 'discover/message', message });
  }, [d.sshRequest, dispatch, probe, isRawModeSupported, setRawMode, stdout]);

  useEffect(() => {
    if (d.exportRequest === 0) return;
    dispatch({ type: 'discover/request-taken', kind: 'export' });
    const s = latest.current;
    if (s.origin.kind !== 'live') {
      dispatch({
        type: 'discover/message',
        message: 'export works on a live host (a snapshot is exported with netdoctor snapshot)',
      });
      return;
    }
    const rows = discoverRows(s);
    const base = `netdoctor-hosts-${stamp(probe.now())}`;
    void (async () => {
      try {
        await probe.writeFile(`${base}.json`, `${JSON.stringify(rows.map(hostJson), null, 2)}\n`);
        await probe.writeFile(`${base}.csv`, hostsCsv(rows));
        dispatch({
          type: 'discover/message',
          message: `exported ${rows.length} hosts to ${base}.json and ${base}.csv`,
        });
      } catch (err) {
        dispatch({ type: 'discover/message', message: `export failed: ${oneLine(err)}` });
      }
    })();
  }, [d.exportRequest, dispatch, probe]);
}
