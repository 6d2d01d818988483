/**
 * Asking the LAN over multicast DNS (RFC 6762), the one place that opens an mDNS socket.
 *
 * Queries are one-shot ("legacy unicast", RFC 6762 5.1 and 6.7): sent from an ordinary UDP
 * port, not 5353, so responders answer by unicast to that port. That needs no privilege, no
 * group membership, and never competes with an mDNS daemon already bound to 5353 here. The
 * socket is bound to the swept interface's own IPv4 address and that address is its multicast
 * interface, so queries leave only by the swept interface (never by another one).
 */
import { createSocket } from 'node:dgram';
import makeMdns from 'multicast-dns';

const MDNS_GROUP = '224.0.0.251';
const MDNS_PORT = 5353;

/** One decoded mDNS response as the library gives it (dns-packet's shape). */
export type MdnsPacket = makeMdns.ResponsePacket;

export interface MdnsAsker {
  /**
   * Sends one query holding a PTR question for each name. Resolves to null when the kernel
   * took it, or to the error code (ENETUNREACH when there is no multicast route, ...).
   */
  readonly askPtr: (names: readonly string[]) => Promise<string | null>;
  /** Closes the socket (also done when the signal aborts). */
  readonly close: () => void;
}

/**
 * Opens the socket on `localAddress` (an IPv4 address of the swept interface). Every response
 * that arrives goes to `onResponse` with its sender; undecodable packets are dropped. Resolves
 * to the asker, or to an error code when the socket cannot be bound.
 */
export function openMdnsAsker(
  localAddress: string,
  signal: AbortSignal,
  onResponse: (packet: MdnsPacket, from: string) => void,
): Promise<MdnsAsker | string> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      signal.removeEventListener('abort', close);
      socket.close();
    };
    signal.addEventListener('abort', close, { once: true });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      close();
      resolve(err.code ?? err.message);
    });
    socket.bind(0, localAddress, () => {
      // Later socket errors (an ICMP error on a send) must not crash the process.
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      try {
        socket.setMulticastInterface(localAddress);
        socket.setMulticastTTL(255);
        socket.setMulticastLoopback(false);
      } catch (err) {
        close();
        return resolve((err as NodeJS.ErrnoException).code ?? String(err));
      }
      // The library encodes, sends and decodes on our socket; it binds and joins nothing.
      const mdns = makeMdns({ socket, multicast: false, bind: false, port: 0 });
      mdns.on('warning', () => {});
      mdns.on('response', (packet, rinfo) => {
        if (!closed) onResponse(packet, rinfo.address);
      });
      resolve({
        askPtr: (names) =>
          new Promise((done) => {
            if (closed) return done('ECLOSED');
            mdns.query(
              { questions: names.map((name) => ({ name, type: 'PTR' as const })) },
              { port: MDNS_PORT, address: MDNS_GROUP },
              (err?: Error | null) =>
                done(err ? ((err as NodeJS.ErrnoException).code ?? err.message) : null),
            );
          }),
        close,
      });
    });
  });
}
