/**
 * Trunks that are not SIP peers, named the way an operator reads them (formats.md §1.5):
 *  - DAHDI (and its predecessor Zap) PRI/analog lines: a Dial() to `DAHDI/g0/5551234` (group 0,
 *    `G`/`r`/`R` are the same group hunted in another order) → "DAHDI g0"; `DAHDI/i1/5551234` (ISDN
 *    span 1) → "DAHDI span 1"; `DAHDI/3/5551234` or a channel `DAHDI/3-1` → "DAHDI channel 3".
 *  - GSM gateways: chan_dongle `Dongle/dongle0/+7900…` or a channel `Dongle/dongle0-0100000001`
 *    → "Dongle dongle0" (`Dongle/g1/…` → "Dongle g1"); chan_mobile `Mobile/nokia-0001` → "Mobile nokia".
 * A DAHDI channel is also where analog phones (FXS ports) live: it is a trunk only when Dial()
 * sends a number through it, or when the call came in on it into an inbound context.
 */

export type LineTech = 'DAHDI' | 'Dongle' | 'Mobile';

export interface LineTrunk {
  tech: LineTech;
  trunk: string;
}

const TECHS: ReadonlyArray<[prefix: string, tech: LineTech]> = [
  ['dahdi/', 'DAHDI'],
  ['zap/', 'DAHDI'],
  ['dongle/', 'Dongle'],
  ['mobile/', 'Mobile'],
];

/** The lower-case prefixes of a line's channel or Dial() target (`dahdi/` …): readers of bytes test them (master-columns.ts). */
export const LINE_PREFIXES: readonly string[] = TECHS.map(([prefix]) => prefix);

function techOf(text: string): { tech: LineTech; rest: string } | null {
  const lower = text.slice(0, 7).toLowerCase();
  for (const [prefix, tech] of TECHS) if (lower.startsWith(prefix)) return { tech, rest: text.slice(prefix.length) };
  return null;
}

/** "g0" → "DAHDI g0", "i1" → "DAHDI span 1", "3" → "DAHDI channel 3"; null when it is none of them. */
function dahdiName(resource: string): string | null {
  const group = /^[gGrR](\d+)$/.exec(resource);
  if (group) return `DAHDI g${group[1]}`;
  const span = /^[iI](\d+)$/.exec(resource);
  if (span) return `DAHDI span ${span[1]}`;
  const channel = /^(\d+)$/.exec(resource);
  if (channel) return `DAHDI channel ${channel[1]}`;
  return null;
}

function lineName(tech: LineTech, resource: string): string | null {
  if (resource === '') return null;
  if (tech === 'DAHDI') return dahdiName(resource);
  return `${tech} ${resource}`;
}

/**
 * The trunk a Dial() argument sends a number through: `DAHDI/g0/5551234,60,tT` → DAHDI g0 and
 * the number. Only the first target counts (a ring group of lines is one trunk choice).
 */
export function lineTrunkFromDial(lastdata: string): (LineTrunk & { number: string }) | null {
  const t = techOf(lastdata.trimStart());
  if (!t) return null;
  const arg = t.rest.split(/[,&]/, 1)[0] ?? '';
  const slash = arg.indexOf('/');
  if (slash <= 0) return null; // `DAHDI/3`: a phone on an FXS port, no number sent
  const number = arg.slice(slash + 1).trim();
  if (!/^\+?\d{3,}$/.test(number)) return null;
  const trunk = lineName(t.tech, arg.slice(0, slash).replace(/\(.*$/, ''));
  return trunk === null ? null : { tech: t.tech, trunk, number };
}

/**
 * The line a channel name is on: `DAHDI/3-1` → DAHDI channel 3, `DAHDI/i1/5551234-1` → DAHDI span 1,
 * `Dongle/dongle0-0100000001` → Dongle dongle0, `Mobile/nokia-0001` → Mobile nokia.
 */
export function lineTrunkFromChannel(channel: string): LineTrunk | null {
  const t = techOf(channel.trim());
  if (!t) return null;
  const dash = t.rest.lastIndexOf('-');
  const resource = (dash > 0 ? t.rest.slice(0, dash) : t.rest).split('/', 1)[0] ?? '';
  const trunk = lineName(t.tech, resource);
  return trunk === null ? null : { tech: t.tech, trunk };
}
