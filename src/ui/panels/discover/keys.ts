/** The Discover panel's keys, for the one keymap table (they show in the help overlay). */
import type { KeyBinding } from '../../keymap.js';

export const DISCOVER_KEYS: readonly KeyBinding[] = [
  {
    keys: ['s'],
    help: 'sweep the LAN (sends ARP)',
    does: { type: 'discover/sweep' },
    panel: 'discover',
  },
  { keys: ['x'], help: 'stop the sweep', does: { type: 'discover/cancel' }, panel: 'discover' },
  {
    keys: ['p'],
    help: 'Raspberry Pis only / all hosts',
    does: { type: 'discover/toggle-pi' },
    panel: 'discover',
  },
  {
    keys: ['/'],
    help: 'filter by text',
    does: { type: 'discover/filter-edit' },
    panel: 'discover',
  },
  {
    keys: ['o'],
    help: 'sort by the next column',
    does: { type: 'discover/sort-next' },
    panel: 'discover',
  },
  {
    keys: ['down', 'j'],
    help: 'next host',
    does: { type: 'discover/move', by: 1 },
    panel: 'discover',
  },
  {
    keys: ['up', 'k'],
    help: 'previous host',
    does: { type: 'discover/move', by: -1 },
    panel: 'discover',
  },
  {
    keys: ['pagedown', 'space'],
    help: 'ten hosts down',
    does: { type: 'discover/move', by: 10 },
    panel: 'discover',
  },
  {
    keys: ['pageup'],
    help: 'ten hosts up',
    does: { type: 'discover/move', by: -10 },
    panel: 'discover',
  },
  {
    keys: ['enter'],
    help: 'details of the host',
    does: { type: 'discover/details-toggle' },
    panel: 'discover',
  },
  {
    keys: ['escape'],
    help: 'back / clear the filter',
    does: { type: 'discover/escape' },
    panel: 'discover',
  },
  {
    keys: ['S'],
    help: 'ssh to the host as you',
    does: { type: 'discover/ssh', user: 'self' },
    panel: 'discover',
  },
  {
    keys: ['P'],
    help: 'ssh to the host as pi',
    does: { type: 'discover/ssh', user: 'pi' },
    panel: 'discover',
  },
  {
    keys: ['e'],
    help: 'export the table to JSON and CSV',
    does: { type: 'discover/export' },
    panel: 'discover',
  },
];
