/**
 * Which way an acc call went, and so which trunk it belongs to (formats.md §5):
 * - dSIPRouter writes `calltype` (db_extra `calltype=$avp(calltype)`): its kamailio.cfg sets
 *   "inbound" on calls that come from a carrier group (FLB_SRC_CARRIER) and "outbound" on calls it
 *   routes from an endpoint to a carrier group; calls it hands to a local user or domain keep it
 *   empty (dOpensource/dsiprouter kamailio/configs/kamailio.cfg, route[NEXTHOP]). So in a file with
 *   that column an empty calltype is an internal call: extension to extension, never a carrier.
 * - Without it: a destination gateway group / gateway column means sent to that gateway
 *   (outbound); only a source gateway group means it came from one (inbound); neither says nothing.
 * The trunk of an inbound call is where it came from (source group, else source address), of an
 * outbound call where it went (destination group, gateway, else destination domain).
 */
import type { CallDirection } from '../../model/call-record';
import { NO_TRUNK_COLUMN } from '../format-module';
import type { AccColumns } from './acc-columns';
import { gwGroupTrunk } from './gateway-names';

/** What one acc row says about the route of its call, kept until the call's rows are folded. */
export interface AccRoute {
  /** The outbound trunk: destination group, gateway or domain; null when the row names none. */
  dst: string | null;
  /** The source group ('' when none) and source address ('' when none or no column). */
  srcGroup: string;
  srcIp: string;
  /** dSIPRouter calltype as written; null when the file has no such column. */
  callType: string | null;
  /** The row names a destination gateway (group or gateway column), not just a domain. */
  dstGateway: boolean;
  /** The destination host as written (dst_domain: the gateway's address once drouting chose it). */
  dstHost: string;
  /**
   * The trunk this row's final reply came from, as far as it tells one branch of a call from
   * another (a failover, acc-calls.ts attemptFor): the outbound trunk the row names (group, gateway,
   * else dst_domain: formats.md §5.2, a failure_route that re-sets the flags logs each serial-fork
   * branch with the address it was sent to). Null where the row names none, or where the call's
   * trunk is not where the row went: a call in from a carrier (its trunk is its source; branches
   * forked to local phones are one inbound call), an empty calltype (internal: no carrier branch).
   */
  branch: string | null;
}

/** Distinct routes kept for sharing; past it every row gets its own. */
const MAX_SHARED_ROUTES = 4096;

/**
 * The route of each row, shared between the rows that have the same one: a proxy has few distinct
 * (group, gateway, source, calltype, host) combinations, and a held call keeps its route until the
 * call is released, so sharing keeps a held call small (measured: GC was most of the extra parse
 * time of folding 300,000 calls).
 */
export class RouteReader {
  private readonly shared = new Map<string, AccRoute>();

  routeOf(cols: AccColumns, get: (index: number) => string): AccRoute {
    const group = cols.gwGroup >= 0 ? get(cols.gwGroup) : '';
    const gateway = cols.gateway >= 0 ? get(cols.gateway) : '';
    const srcGroup = cols.srcGwGroup >= 0 ? get(cols.srcGwGroup) : '';
    const dstHost = cols.dstDomain >= 0 ? get(cols.dstDomain) : '';
    const srcIp = cols.srcIp >= 0 ? get(cols.srcIp) : '';
    const callType = cols.callType >= 0 ? get(cols.callType) : null;
    // Everything the route depends on: the values, and whether the table has a trunk column at all.
    const hasTrunkColumn = cols.gwGroup >= 0 || cols.gateway >= 0 || cols.dstDomain >= 0;
    const key = `${hasTrunkColumn ? 1 : 0}\u0000${group}\u0000${gateway}\u0000${srcGroup}\u0000${dstHost}\u0000${srcIp}\u0000${callType ?? '\u0001'}`;
    const known = this.shared.get(key);
    if (known) return known;
    const route: AccRoute = {
      dst: hasTrunkColumn ? dstTrunk(group, gateway, dstHost) : NO_TRUNK_COLUMN,
      srcGroup: isGroupId(srcGroup) ? srcGroup : '',
      srcIp,
      callType,
      dstGateway: isGroupId(group) || gateway !== '',
      dstHost,
      branch: null,
    };
    route.branch = branchOf(route);
    if (this.shared.size < MAX_SHARED_ROUTES) this.shared.set(key, route);
    return route;
  }
}

function isGroupId(group: string): boolean {
  return group !== '' && group !== '0';
}

function dstTrunk(group: string, gateway: string, dstHost: string): string | null {
  if (isGroupId(group)) return gwGroupTrunk(group);
  if (gateway !== '') return gateway;
  return dstHost !== '' ? dstHost : null;
}

export interface Routed {
  direction: CallDirection;
  /** null: the call needs a trunk and its row names none. */
  trunk: string | null;
}

/** Direction and trunk of a call from its deciding row's route (calltype: any of its rows'). */
export function decideRoute(route: AccRoute, callType: string | null): Routed {
  if (callType !== null) {
    const type = callType.trim().toLowerCase();
    if (type === 'inbound' || type === 'in') return { direction: 'inbound', trunk: inboundTrunk(route) };
    if (type === 'outbound' || type === 'out') return { direction: 'outbound', trunk: route.dst };
    if (type === '') return { direction: 'internal', trunk: route.dst ?? '' };
    return { direction: 'unknown', trunk: route.dst };
  }
  if (route.dstGateway) return { direction: 'outbound', trunk: route.dst };
  if (route.srcGroup !== '') return { direction: 'inbound', trunk: gwGroupTrunk(route.srcGroup) };
  return { direction: 'unknown', trunk: route.dst };
}

function branchOf(route: AccRoute): string | null {
  if (route.dst === null || route.dst === NO_TRUNK_COLUMN) return null;
  const { direction } = decideRoute(route, route.callType);
  return direction === 'inbound' || direction === 'internal' ? null : route.dst;
}

function inboundTrunk(route: AccRoute): string | null {
  if (route.srcGroup !== '') return gwGroupTrunk(route.srcGroup);
  if (route.srcIp !== '') return route.srcIp;
  return route.dst;
}
