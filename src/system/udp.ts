/**
 * Sending UDP datagrams from an ordinary socket: no privilege needed. A datagram to an
 * on-link address makes the kernel resolve that address first (ARP or NDP), which is what a
 * sweep without raw sockets relies on.
 *
 * Keeping a sweep on its interface: Linux would pin a socket to a device with
 * SO_BINDTODEVICE, which node's dgram does not offer (and which needs CAP_NET_RAW before
 * kernel 5.7). So the socket is bound to the interface's own address instead, which fixes the
 * source of every datagram, and the caller checks with the host's routes, before every batch,
 * that the whole prefix leaves by that interface directly (probes/discover/target.ts
 * sweepRouteProblem). Binding alone would not do: Linux is a weak host, and a datagram from
 * a bound address still follows the routing table out of any interface.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface DatagramSender {
  /**
   * Sends `payload` to address:port. Resolves to null when the kernel took it, or to the
   * error code (EACCES for a broadcast address, ENOBUFS when a table is full, EADDRNOTAVAIL
   * when the bound address went away, ...).
   */
  readonly send: (address: string, port: number, payload?: Uint8Array) => Promise<string | null>;
  readonly close: () => void;
}

const codeOf = (err: Error) => (err as NodeJS.ErrnoException).code ?? err.message;

/** A sender; with `localAddress`, every datagram leaves from that address (bound first). */
export function openDatagramSender(
  family: 'inet' | 'inet6',
  localAddress?: string,
): DatagramSender {
  const socket: Socket = createSocket(family === 'inet' ? 'udp4' : 'udp6');
  // Errors arrive on the socket too (ICMP unreachable is not reported on unconnected
  // sockets, but a failed bind would be); the send callbacks carry what matters.
  socket.on('error', () => {});
  let closed = false;
  const ready: Promise<string | null> =
    localAddress === undefined
      ? Promise.resolve(null)
      : new Promise((resolve) => {
          const onError = (err: Error) => resolve(codeOf(err));
          socket.once('error', onError);
          socket.bind({ address: localAddress, port: 0, exclusive: true }, () => {
            socket.off('error', onError);
            resolve(null);
          });
        });
  return {
    send: async (address, port, payload = new Uint8Array(0)) => {
      // A socket that could not bind sends nothing: unbound, it could leave from anywhere.
      const bindError = await ready;
      if (bindError !== null) return `bind ${localAddress}: ${bindError}`;
      return new Promise((resolve) => {
        if (closed) return resolve('ECLOSED');
        socket.send(payload, port, address, (err) => resolve(err ? codeOf(err) : null));
      });
    },
    close: () => {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}
