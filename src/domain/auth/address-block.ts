// The block of addresses one client controls, as the per-address sign-in limit counts them: an IPv4
// address on its own, an IPv6 address by its /64 (one host is routinely given a whole /64, so
// counting single IPv6 addresses would let it rotate past any limit).

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The /64 prefix of an IPv6 address in its full, lower-case form; null when it is not one. */
function ipv6Prefix(address: string): string | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key an address is limited under: IPv4 as it is, IPv6 by its /64, anything else as given. */
export function addressBlock(address: string): string {
  const withoutZone = address.split('%')[0] ?? address;
  const mapped = IPV4_MAPPED.exec(withoutZone);
  if (mapped?.[1]) return mapped[1];
  if (!withoutZone.includes(':')) return withoutZone;
  return ipv6Prefix(withoutZone) ?? withoutZone;
}
