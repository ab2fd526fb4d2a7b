/**
 * Which way a mod_cdr_csv row went, from what its template carries.
 *
 * The example family (example, default, sql, snom, linksys) names no channel or gateway, only the
 * dialplan context and the two numbers. In the vanilla configuration (signalwire/freeswitch
 * conf/vanilla: sip_profiles/external.xml and internal.xml, dialplan/public.xml and default.xml)
 * the `external` profile hands every call arriving from outside (a carrier's DID, or anyone on the
 * internet) to the `public` context, and registered phones dial in the `default` context. So:
 * - context `public` → inbound: the call came in from outside, whatever it then tried to reach
 *   (an internet scanner trying dial prefixes lands here too: not a trunk's attempt either);
 * - context `default` with an extension-shaped caller and destination (2–5 digits, the vanilla
 *   plan's 1000–1019, 2000–2002, 3500 conference, …) → internal: phone to phone or a feature;
 * - anything else → unknown (a phone dialling a long number may have gone out by any gateway, or
 *   none: the template cannot tell).
 */
import type { CallDirection } from '../../model/call-record';

const EXTENSION = /^\d{2,5}$/;

export function directionFromContext(context: string, callerId: string, destination: string): CallDirection {
  const ctx = context.toLowerCase();
  if (ctx === 'public') return 'inbound';
  if (ctx === 'default' && EXTENSION.test(callerId) && EXTENSION.test(destination)) return 'internal';
  return 'unknown';
}

