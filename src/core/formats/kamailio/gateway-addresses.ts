/**
 * Without a dr_gateways file an acc export only numbers its gateway groups ("gwgroup 3"). The calls
 * themselves show where each group is: the destination host of calls sent to it (dst_domain is the
 * gateway's address once drouting chose it) and the source address of calls that came from it.
 * Those addresses label the group, most used first: "gwgroup 3 (34.210.91.112, 34.226.36.32)".
 */
import type { CallDirection } from '../../model/call-record';
import type { AccRoute } from './acc-direction';
import { gwGroupTrunk } from './gateway-names';

/** Addresses named in a label; the rest are counted ("+2 more"). */
const SHOWN = 2;
/** Distinct addresses remembered per group: a bound on memory for odd files. */
const MAX_PER_GROUP = 64;

export class GatewayAddresses {
  /** Group trunk ("gwgroup 3") → address → calls. */
  private readonly byTrunk = new Map<string, Map<string, number>>();

  /** One call on `trunk` (an inbound call's trunk is its source group). */
  seen(trunk: string, direction: CallDirection, route: AccRoute): void {
    let address = '';
    if (direction === 'inbound' && route.srcGroup !== '' && trunk === gwGroupTrunk(route.srcGroup)) address = route.srcIp;
    else if (direction !== 'inbound' && route.dstGateway && trunk.startsWith('gwgroup ')) address = route.dstHost;
    if (address === '') return;
    let counts = this.byTrunk.get(trunk);
    if (!counts) {
      counts = new Map();
      this.byTrunk.set(trunk, counts);
    }
    const n = counts.get(address);
    if (n !== undefined) counts.set(address, n + 1);
    else if (counts.size < MAX_PER_GROUP) counts.set(address, 1);
  }

  /** Group trunk → label with its addresses, for every group seen with one. */
  labels(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [trunk, counts] of this.byTrunk) {
      const addresses = [...counts].sort((a, b) => b[1] - a[1]).map(([address]) => address);
      const shown = addresses.slice(0, SHOWN).join(', ');
      const more = addresses.length > SHOWN ? ` +${addresses.length - SHOWN} more` : '';
      out.set(trunk, `${trunk} (${shown}${more})`);
    }
    return out;
  }
}
