/**
 * Carrier names for dSIPRouter gateway groups (formats.md §5.5). The acc extra `dst_gwgroupid` is a
 * `dr_gw_lists.id`; names live in
 * - `dr_gw_lists.description`: `name:Skyetel CarrierGroup,type:8` (dSIPRouter), or free text, and
 * - `dr_gateways.description`: `name:Twilio NA-Virginia Carrier,gwgroup:1,addr_id:18` per gateway
 *   (dOpensource/dsiprouter testing/sql/v0.79/kamailio.sql, the sample dr_gateways dump).
 * A group list name wins; else the gateways' names are merged: one distinct name → that name; several
 * → their common leading words ("Twilio NA-Virginia Carrier" + "Twilio NA-Oregon Carrier" → "Twilio");
 * nothing in common → the first name and how many more. A group whose gateways have no name at all
 * (dSIPRouter endpoint groups: `name:,gwgroup:14`) is named by its gateway addresses the same way.
 */

/** `key:value,key:value` → map (dSIPRouter description fields); null when it has no `key:`. */
export function parseDescription(description: string): Map<string, string> | null {
  if (!/^\s*[A-Za-z_][\w ]*:/.test(description)) return null;
  const out = new Map<string, string>();
  for (const part of description.split(',')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    out.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim());
  }
  return out;
}

export class GatewayGroupNames {
  /** dr_gw_lists names by group id. */
  private readonly listNames = new Map<string, string>();
  /** dr_gateways names by group id, distinct, in file order (a Set keeps insertion order: linear de-duplication). */
  private readonly gatewayNames = new Map<string, Set<string>>();
  /** Gateway address → group id, for matching a `dst_domain` that is a gateway address. */
  private readonly addressGroups = new Map<string, string>();
  /** Group id → its gateways' addresses, distinct, in file order. */
  private readonly groupAddresses = new Map<string, Set<string>>();

  /** One dr_gateways row: its description (and address); false when it names no group. */
  addGateway(description: string, address = ''): boolean {
    const fields = parseDescription(description);
    const group = fields?.get('gwgroup')?.trim() ?? '';
    if (!/^\d+$/.test(group)) return false;
    const name = (fields?.get('name') ?? '').replace(/\s+/g, ' ').trim();
    if (name !== '') {
      const names = this.gatewayNames.get(group) ?? new Set<string>();
      names.add(name);
      this.gatewayNames.set(group, names);
    } else if (!this.gatewayNames.has(group)) {
      this.gatewayNames.set(group, new Set());
    }
    const host = address.trim();
    if (host !== '') {
      this.addressGroups.set(host, group);
      const hosts = this.groupAddresses.get(group) ?? new Set<string>();
      hosts.add(host);
      this.groupAddresses.set(group, hosts);
    }
    return true;
  }

  /** One dr_gw_lists row (id, gwlist, description); false when the id is not a number. */
  addGroupList(id: string, description: string): boolean {
    const group = id.trim();
    if (!/^\d+$/.test(group)) return false;
    const fields = parseDescription(description);
    const name = (fields ? fields.get('name') ?? '' : description).replace(/\s+/g, ' ').trim();
    if (name !== '') this.listNames.set(group, name);
    return true;
  }

  /** Group id → display name, for every group that has one. */
  groups(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [group, names] of this.gatewayNames) {
      const name = mergeNames([...names]) || mergeAddresses([...(this.groupAddresses.get(group) ?? [])]);
      if (name !== '') out.set(group, name);
    }
    for (const [group, name] of this.listNames) out.set(group, name);
    return out;
  }

  /** Gateway address (as in dr_gateways.address, e.g. `34.210.91.112:5060`) → group id. */
  addresses(): Map<string, string> {
    return new Map(this.addressGroups);
  }

  get size(): number {
    return new Set([...this.gatewayNames.keys(), ...this.listNames.keys()]).size;
  }
}

function mergeNames(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  const split = names.map((n) => n.split(' '));
  const first = split[0]!;
  let common = 0;
  while (common < first.length && split.every((words) => words[common] === first[common])) common++;
  const prefix = withoutTrailingSeparators(first.slice(0, common).join(' '));
  if (prefix !== '') return prefix;
  return `${names[0]} +${names.length - 1} more`;
}

const SEPARATOR = /[\s\-–,:/]/;

/** Trailing spaces and separators cut (`/[\s\-–,:/]+$/`, by scanning: that pattern is quadratic on a long run). */
function withoutTrailingSeparators(text: string): string {
  let end = text.length;
  while (end > 0 && SEPARATOR.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function mergeAddresses(hosts: readonly string[]): string {
  if (hosts.length === 0) return '';
  return hosts.length === 1 ? hosts[0]! : `${hosts[0]} +${hosts.length - 1} more`;
}

/** Trunk label the acc parser gives a gateway group. */
export function gwGroupTrunk(group: string): string {
  return `gwgroup ${group}`;
}

const GWGROUP_TRUNK = /^gwgroup (\d+)$/;

/**
 * Apply carrier names to a trunk label: "gwgroup 1" → "gwgroup 1 (Twilio)". Other labels and
 * groups without a name are returned unchanged.
 */
export function nameTrunk(trunk: string, groups: ReadonlyMap<string, string>): string {
  const m = GWGROUP_TRUNK.exec(trunk);
  if (!m) return trunk;
  const name = groups.get(m[1]!);
  return name ? `${trunk} (${name})` : trunk;
}

/**
 * Display names for the UI's trunk-name map (trunk → name): `"gwgroup 1" → "gwgroup 1 (Twilio)"`
 * for every named group, ready to merge into use-trunk-names' defaults.
 */
export function gatewayTrunkDisplayNames(groups: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of groups.keys()) {
    const trunk = gwGroupTrunk(group);
    out.set(trunk, nameTrunk(trunk, groups));
  }
  return out;
}
