/**
 * Sending UDP datagrams from an ordinary socket: no privilege needed. A datagram to an
 * on-link address makes the kernel resolve that address first (ARP or NDP), which is what a
 * sweep without raw sockets relies on.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface DatagramSender {
  /**
   * Sends `payload` to address:port. Resolves to null when the kernel took it, or to the
   * error code (EACCES for a broadcast address, ENOBUFS when a table is full, ...).
   */
  readonly send: (address: string, port: number, payload?: Uint8Array) => Promise<string | null>;
  readonly close: () => void;
}

export function openDatagramSender(family: 'inet' | 'inet6'): DatagramSender {
  const socket: Socket = createSocket(family === 'inet' ? 'udp4' : 'udp6');
  // Errors arrive on the socket too (ICMP unreachable is not reported on unconnected
  // sockets, but a failed bind would be); the send callbacks carry what matters.
  socket.on('error', () => {});
  let closed = false;
  return {
    send: (address, port, payload = new Uint8Array(0)) =>
      new Promise((resolve) => {
        if (closed) return resolve('ECLOSED');
        socket.send(payload, port, address, (err) => {
          resolve(err ? ((err as NodeJS.ErrnoException).code ?? err.message) : null);
        });
      }),
    close: () => {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}
