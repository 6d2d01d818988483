// Planted: the UI fetching its own wiring instead of being handed its ports.
import { livePorts } from '../wiring/live.js';

export const ports = livePorts;
