/**
 * The ARP repair panel's keys, for the one keymap table (panel-scoped with `panel: 'arp'`).
 * Few on purpose: the help overlay shows them with the global keys on one 24-row screen.
 */
import type { KeyBinding } from '../../keymap.js';

export const ARP_KEYS: readonly KeyBinding[] = [
  { keys: ['up'], help: 'previous address', does: { type: 'arp/select', by: -1 }, panel: 'arp' },
  { keys: ['down'], help: 'next address', does: { type: 'arp/select', by: 1 }, panel: 'arp' },
  {
    keys: ['enter'],
    help: 'check the address (where, who else holds it)',
    does: { type: 'arp/start' },
    panel: 'arp',
  },
  { keys: ['y'], help: 'yes, send the announcements', does: { type: 'arp/confirm' }, panel: 'arp' },
  {
    keys: ['n', 'x'],
    help: 'no, send nothing; or stop the running repair',
    does: { type: 'arp/cancel' },
    panel: 'arp',
  },
  {
    keys: ['m'],
    help: 'mode: ARP requests (-U) or replies (-A)',
    does: { type: 'arp/mode-toggle' },
    panel: 'arp',
  },
];
