/** The backends by name. */
import { arpScanScanner } from './arp-scan.js';
import { kernelScanner } from './kernel.js';
import { passiveScanner } from './passive.js';
import type { BackendName, Scanner } from './types.js';

export function scannerFor(backend: BackendName): Scanner {
  switch (backend) {
    case 'kernel':
      return kernelScanner();
    case 'arp-scan':
      return arpScanScanner();
    case 'passive':
      return passiveScanner();
  }
}
