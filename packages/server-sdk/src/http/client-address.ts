import { isIP } from 'node:net';

/**
 * An IP address as one spelling, or null when `entry` is none (`unknown`, a name, garbage): no
 * brackets, port or zone, IPv6 in lower case, IPv4-mapped IPv6 (`::ffff:192.0.2.1`) as IPv4.
 */
export function foldAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(address);
  if (bracketed) address = bracketed[1] as string;
  else if (v4WithPort) address = v4WithPort[1] as string;
  address = address.replace(/%[^%]*$/, '');
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  address = address.toLowerCase();
  return /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1] ?? address;
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part becomes two). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  if (tail === null) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The key the per-address rate limits count a client under: an IPv4 address as itself, an IPv6
 * address as its /64 network (`2001:db8:7:1::/64`). One IPv6 subscriber is handed a whole /64 (RFC
 * 6177 recommends a /48 to /56 per site, and SLAAC needs /64 subnets), so counting single IPv6
 * addresses would give one client 2^64 fresh windows. Anything that is not an IP address (a host's
 * `clientAddress` left out, `unknown`) is one shared key.
 *
 * @example
 * ```ts
 * rateLimitAddressKey('2001:db8:7:1:a:b:c:d'); // '2001:db8:7:1::/64'
 * rateLimitAddressKey('::ffff:192.0.2.1');     // '192.0.2.1'
 * ```
 */
export function rateLimitAddressKey(clientAddress: string | undefined): string {
  const address = clientAddress === undefined ? null : foldAddress(clientAddress);
  if (address === null) return 'unknown';
  if (isIP(address) === 4) return address;
  return `${ipv6Groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
