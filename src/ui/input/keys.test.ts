import { describe, expect, it } from 'vitest';
import { KeyReader, keysOf } from './keys.js';

const names = (chunk: string) => keysOf(chunk).map((k) => k.name);

describe('keysOf: every key of a chunk, in order', () => {
  it('splits a question and its Enter sent in one write', () => {
    expect(keysOf('/8.8\r')).toEqual([
      { name: '/', text: '/' },
      { name: '8', text: '8' },
      { name: '.', text: '.' },
      { name: '8', text: '8' },
      { name: 'enter', text: '' },
    ]);
  });

  it('reads thirty DELs as thirty Backspaces, ^H as one too', () => {
    expect(names('\u007f'.repeat(30))).toEqual(Array(30).fill('backspace'));
    expect(names('\b')).toEqual(['backspace']);
  });

  it('reads digits typed together as separate keys, and a space by its name', () => {
    expect(names('23 ')).toEqual(['2', '3', 'space']);
  });

  it('names the control keys as the keymap spells them', () => {
    expect(names('\u0001\u0005\u0015\u0017\u0003\t')).toEqual([
      'ctrl+a',
      'ctrl+e',
      'ctrl+u',
      'ctrl+w',
      'ctrl+c',
      'tab',
    ]);
    expect(names('\r\n\n')).toEqual(['enter', 'enter']);
  });

  it('reads Home and End in every usual form, and the arrows in both modes', () => {
    const home = ['\u001b[H', '\u001bOH', '\u001b[1~', '\u001b[7~', '\u001b[1;5H'];
    const end = ['\u001b[F', '\u001bOF', '\u001b[4~', '\u001b[8~'];
    for (const s of home) expect(names(s), JSON.stringify(s)).toEqual(['home']);
    for (const s of end) expect(names(s), JSON.stringify(s)).toEqual(['end']);
    expect(names('\u001b[A\u001bOB\u001b[C\u001b[1;5D')).toEqual(['up', 'down', 'right', 'left']);
    expect(names('\u001b[3~\u001b[5~\u001b[6~\u001b[Z')).toEqual([
      'delete',
      'pageup',
      'pagedown',
      'shift+tab',
    ]);
  });

  it('reads Esc alone, Alt with a key, and unknown sequences as nothing that types', () => {
    expect(names('\u001b')).toEqual(['escape']);
    expect(names('\u001bb\u001b\u007f')).toEqual(['meta+b', 'meta+backspace']);
    const unknown = keysOf('\u001b[15~\u001bOP\u001b[I\u001b[[A');
    expect(unknown.every((k) => k.text === '')).toBe(true);
  });

  it('types wide characters and emoji whole, and drops other control characters', () => {
    expect(keysOf('東😀').map((k) => k.text)).toEqual(['東', '😀']);
    expect(names('\u0000\u001c\u009b')).toEqual([]);
  });

  it('takes a bracketed paste as one key, its newlines text, not Enter', () => {
    expect(keysOf('\u001b[200~10.0.0.1\nfrom\u001b[201~\r')).toEqual([
      { name: 'paste', text: '10.0.0.1\nfrom' },
      { name: 'enter', text: '' },
    ]);
  });

  it('keeps a paste across chunks until its end, as Ink hands it over', () => {
    const reader = new KeyReader();
    expect(reader.read('\u001b[200~')).toEqual([]);
    expect(reader.read('203.0.113.7')).toEqual([]);
    expect(reader.read('\u001b[A')).toEqual([]);
    expect(reader.read('\r\u001b[201~q')).toEqual([
      { name: 'paste', text: '203.0.113.7\u001b[A\r' },
      { name: 'q', text: 'q' },
    ]);
  });
});
