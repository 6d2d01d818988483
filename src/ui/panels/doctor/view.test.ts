import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../diagnose/finding.js';
import { ROUTER, VPN_SERVER, labHost } from '../../../../test/doctor/load.js';
import { doctorModel } from './model.js';
import { initialDoctorView } from './state.js';
import { cut, fit, listScreen, windowStart } from './view.js';

const finding = (i: number): Finding => ({
  code: 'rule-table-empty',
  severity: i % 3 === 0 ? 'error' : 'warning',
  title: `finding number ${i}`,
  why: 'because',
  evidence: [],
  fix: [],
  subject: `s${i}`,
});

describe('listScreen', () => {
  const base = doctorModel(labHost(ROUTER), null, null);
  const many = { ...base, findings: Array.from({ length: 10_000 }, (_, i) => finding(i)) };

  it('builds only the rows in sight of a list of 10,000', () => {
    const screen = listScreen(many, { ...initialDoctorView, selected: 5000 }, null, 80, 21);
    expect(screen.head.length + screen.rows.length).toBe(21);
    expect(screen.rows.length).toBeLessThan(21);
    expect(screen.rows[screen.selectedRow ?? -1]?.text).toContain('finding number 5000');
  });

  it('keeps the last row selectable and the first', () => {
    const end = listScreen(many, { ...initialDoctorView, selected: 9999 }, null, 80, 21);
    expect(end.rows.at(-1)?.text).toContain('finding number 9999');
    expect(end.selectedRow).toBe(end.rows.length - 1);
    const top = listScreen(many, initialDoctorView, null, 80, 21);
    expect(top.selectedRow).toBe(0);
  });

  it('an empty list says so and selects nothing', () => {
    const screen = listScreen(base, initialDoctorView, null, 80, 21);
    expect(screen.rows).toEqual([]);
    expect(screen.selectedRow).toBeNull();
    expect(screen.head.at(-1)?.text).toBe('No problems found.');
  });

  it("on a VPN server, says what the LAN needs to answer the VPN's clients", () => {
    const screen = listScreen(
      doctorModel(labHost(VPN_SERVER), null, null),
      initialDoctorView,
      null,
      80,
      21,
    );
    const text = screen.head.map((l) => l.text).join('\n');
    expect(text).toContain('hosts on 192.168.50.0/24 answer 10.8.0.0/24 through their own');
    expect(screen.head.every((l) => [...l.text].length <= 80)).toBe(true);
  });
});

describe('windowStart', () => {
  it('centres the selection, never past either end', () => {
    expect(windowStart(100, 0, 10)).toBe(0);
    expect(windowStart(100, 50, 10)).toBe(45);
    expect(windowStart(100, 99, 10)).toBe(90);
    expect(windowStart(3, 2, 10)).toBe(0);
  });
});

describe('fit and cut', () => {
  it('keeps the indent, wraps at spaces, ends a cut text with an ellipsis', () => {
    const lines = fit(`  ${'word '.repeat(40)}`, 30, 2).map((l) => l.text);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.startsWith('  word')).toBe(true);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(lines.every((l) => [...l].length <= 30)).toBe(true);
  });

  it('cut keeps spaces and the width', () => {
    expect(cut('  a  b', 80).text).toBe('  a  b');
    expect([...cut('x'.repeat(100), 80).text]).toHaveLength(80);
  });
});
