/**
 * Issue 8, items 1 and 2: no string from a snapshot or the network reaches a terminal raw.
 * Each field named in the issue carries ESC[2J, an OSC title, ESC[5m, a newline and a tab,
 * and is checked in plain text, in a TUI frame and on stderr; JSON keeps the true value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { buildHostState } from '../../src/state/host-state.js';
import { documentText } from '../../src/report/document.js';
import { overviewSections } from '../../src/report/overview.js';
import { tableLines } from '../../src/report/table.js';
import { detailLines, tableRow, statusLine } from '../../src/ui/panels/discover/view.js';
import { scanText, type ScanResult } from '../../src/commands/scan.js';
import { hostsCsv } from '../../src/probes/discover/export.js';
import type { DiscoveredHost } from '../../src/probes/discover/hosts.js';
import { parsePrefix4 } from '../../src/net/prefix.js';
import {
  HOSTILE,
  HOSTILE_IFNAME,
  hasRawControl,
  hostileSnapshot,
  hostileSnapshotText,
} from '../helpers/hostile.js';
import { renderTui, type Tui } from '../helpers/ui.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hostileFile = path.join(dir, 'hostile.json');
writeFileSync(hostileFile, hostileSnapshotText());

const cli = runCli;

/** What HOSTILE looks like once made safe. */
const SHOWN = '\\x1b[2J\\x1b]0;pwned\\x07\\x1b[5mX\\nfake line\\tcol';

describe('plain text', () => {
  it('shows every hostile field escaped, on its own line, with no control character', async () => {
    const { code, out } = await cli('overview', '--snapshot', hostileFile);
    expect(code).toBe(0);
    expect(hasRawControl(out)).toBe(false);
    expect(out).not.toContain('fake line\n');
    for (const field of ['host', 'ns', 'kernel', 'lbl']) expect(out).toContain(`${field}${SHOWN}`);
    expect(out).toContain('ev\\x1b[5m'); // the interface name (cut to its column)
    // Fields that cannot be what the kernel prints are warnings, quoted, never shown as data.
    expect(out).toMatch(/gateway: not an address: "gw\\u001b\[2J/);
    expect(out).toMatch(/dst: not an IPv4 or IPv6 address: "nb\\u001b/);
    expect(out).toMatch(/lladdr: not a link-layer address: "mac\\u001b/);
    // A source key from the snapshot, echoed in a warning.
    expect(out).toContain(`/proc/sys/net/ipv4/conf/key${SHOWN}/rp_filter`);
  });

  it('JSON keeps the true values, escaped as JSON escapes them', async () => {
    const { out } = await cli('overview', '--json', '--snapshot', hostileFile);
    expect(hasRawControl(out)).toBe(false); // JSON.stringify escapes controls itself
    const host = JSON.parse(out) as ReturnType<typeof buildHostState>;
    expect(host.meta.hostname).toBe(`host${HOSTILE}`);
    expect(host.meta.kernel).toBe(`kernel${HOSTILE}`);
    expect(host.interfaces.map((i) => i.name)).toContain(HOSTILE_IFNAME);
    expect(host.interfaces.flatMap((i) => i.addresses.map((a) => a.label))).toContain(
      `lbl${HOSTILE}`,
    );
  });

  it('tables escape before they measure, so columns stay aligned', () => {
    const lines = tableLines(['A', 'B'], [[`x${HOSTILE}`, 'y']]);
    expect(lines.some(hasRawControl)).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`x${SHOWN} y`);
  });

  it('documentText escapes every line', () => {
    const text = documentText(overviewSections(buildHostState(hostileSnapshot())));
    expect(hasRawControl(text)).toBe(false);
  });
});

describe('issue 21 item 2: the outputs that still passed snapshot strings raw', () => {
  it('doctor --markdown escapes the netdoctor version the snapshot names', async () => {
    const { code, out } = await cli('doctor', '--markdown', '--snapshot', hostileFile);
    expect(code).not.toBe(2);
    expect(hasRawControl(out)).toBe(false);
    expect(out).toContain(`netdoctor v${SHOWN}.`);
  });

  it('plan --from-host -o PATH says where it wrote in one safe line', async () => {
    const out = path.join(dir, `plan${HOSTILE}.yaml`);
    const { code, err } = await cli('plan', '--from-host', '--snapshot', hostileFile, '-o', out);
    expect(code).toBe(0);
    expect(hasRawControl(err)).toBe(false);
    // The route the hostile snapshot's gateway spoils is said first, in a safe line too.
    expect(err).toContain('netdoctor: could not read ip -j -4 route show table all: element 0');
    expect(err.endsWith(`plan written to ${path.join(dir, `plan${SHOWN}.yaml`)}\n`)).toBe(true);
  });
});

describe('stderr', () => {
  it('a path with escapes in an error is one safe line', async () => {
    const { code, err } = await cli('overview', '--snapshot', path.join(dir, `no${HOSTILE}.json`));
    expect(code).toBe(2);
    expect(hasRawControl(err)).toBe(false);
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toContain(`no${SHOWN}.json`);
  });

  it('a damaged snapshot key echoed in the refusal is one safe line', async () => {
    const s = JSON.parse(hostileSnapshotText()) as { sources: Record<string, unknown> };
    s.sources[`bad${HOSTILE}`] = { kind: 'pipe' };
    const file = path.join(dir, 'damaged.json');
    writeFileSync(file, JSON.stringify(s));
    const { code, err } = await cli('overview', '--snapshot', file);
    expect(code).toBe(2);
    expect(hasRawControl(err)).toBe(false);
    expect(err).toContain(`sources.bad${SHOWN}.kind`);
  });

  it('an option value with escapes, echoed by commander, is one safe line', async () => {
    const { code, err } = await cli('scan', '--backend', `x${HOSTILE}`);
    expect(code).toBe(2);
    expect(hasRawControl(err)).toBe(false);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a TUI frame', () => {
  let tui: Tui | undefined;
  afterEach(() => tui?.unmount());

  it('draws the Overview, the tab bar and the status line with every escape visible', async () => {
    const host = buildHostState(hostileSnapshot());
    tui = renderTui(
      <App
        origin={{ kind: 'snapshot', path: `snap${HOSTILE}.json` }}
        loadHost={async () => host}
        color={false}
      />,
      { columns: 200, rows: 60 },
    );
    const frame = await tui.waitForContent('Interfaces');
    expect(hasRawControl(frame)).toBe(false);
    expect(frame).toContain('host\\x1b[2J');
    expect(frame).toContain('ev\\x1b[5m');
    const status = frame.split('\n').at(-1) ?? '';
    expect(status).toContain('snap\\x1b[2J');
  });
});

describe('the Discover views and scan output (names and MACs from the network)', () => {
  const hostile: DiscoveredHost = {
    iface: HOSTILE_IFNAME,
    ip: '198.51.100.7',
    family: 'inet',
    mac: `mac${HOSTILE}`,
    macs: [`mac${HOSTILE}`, `other${HOSTILE}`],
    vendor: null,
    name: `pi${HOSTILE}.local`,
    flags: [],
    rttMs: 1.5,
    firstSeen: 0,
    lastSeen: 0,
    via: 'sweep',
    state: `st${HOSTILE}`,
    ipv6: [],
  };

  it('table rows and details', () => {
    expect(hasRawControl(tableRow(hostile, true, 120))).toBe(false);
    const details = detailLines(hostile, 'pi');
    expect(details.some(hasRawControl)).toBe(false);
    expect(details.join('\n')).toContain(`pi${SHOWN}.local`);
  });

  it('the status line of a failed sweep', () => {
    const line = statusLine(
      {
        status: 'failed',
        message: `boom${HOSTILE}`,
        targets: [],
      } as unknown as Parameters<typeof statusLine>[0],
      0,
      0,
      0,
    );
    expect(hasRawControl(line)).toBe(false);
  });

  it('scan --plain and --csv', () => {
    const prefix = parsePrefix4('198.51.100.0/24');
    if (!prefix) throw new Error('prefix');
    const result: ScanResult = {
      targets: [
        {
          iface: HOSTILE_IFNAME,
          prefix,
          onLink: true,
          localAddresses: [],
          localMac: null,
          gateways: [],
          ipv6: false,
        },
      ],
      backend: 'kernel',
      hosts: [hostile],
      findings: [],
      limits: [],
      warnings: [`arp-scan: ${HOSTILE}`],
      durationMs: 1,
      firstHostMs: null,
      sent: 1,
      sendErrors: 0,
      interrupted: null,
      stoppedEarly: [],
    };
    const text = scanText(result, [hostile], [{ source: 'ip -j addr show', message: HOSTILE }]);
    expect(hasRawControl(text)).toBe(false);
    expect(text).toContain(`pi${SHOWN}`.slice(0, 20));
    expect(text).toContain(`and other${SHOWN} (not in the IEEE registry)`);
    const csv = hostsCsv([hostile]).replace(/\r\n/g, '\n');
    expect(hasRawControl(csv)).toBe(false);
  });
});
