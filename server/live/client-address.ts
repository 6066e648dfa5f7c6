// The address a Socket.IO handshake comes from, by the same rule as the HTTP side (Express
// `trust proxy: loopback`, server/http/app.ts): X-Forwarded-For counts only when the peer is
// a proxy on this machine, and then the nearest hop that is not loopback is the client. So a
// remote client cannot pick its own address (and its own rate-limit budget) with a header.
import { isIPv4, isIPv6 } from 'node:net';

const MAX_HOPS = 32;

/** Whether `address` is this machine (where a trusted reverse proxy runs). */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The client's address: the peer, or, behind a loopback proxy, the nearest forwarded hop. */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined): string {
  if (!isLoopback(peer) || forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  // Nearest first: each proxy appends the address it received the request from.
  const hops = header.split(',').map((h) => h.trim()).filter(Boolean).reverse().slice(0, MAX_HOPS);
  let address = peer;
  for (const hop of hops) {
    address = hop;
    if (!isLoopback(hop)) break;
  }
  return address;
}

/** The eight groups of an IPv6 address, expanded (`2001:db8::1` → 2001 db8 0 0 0 0 0 1). */
function groupsOf(v6: string): string[] {
  const [head = '', tail] = v6.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right];
}

/**
 * What one budget is kept under: an IPv4 address (also when IPv4-mapped), or an IPv6 /64,
 * since one IPv6 host usually owns a whole /64 and could otherwise take a fresh address per try.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address) && !address.includes('.')) {
    return `${groupsOf(address.toLowerCase()).slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  // Not an IP (only a loopback proxy can send one): bounded, so it cannot grow the key.
  return `other:${address.slice(0, 64)}`;
}
