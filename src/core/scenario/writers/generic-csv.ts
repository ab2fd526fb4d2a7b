/**
 * A carrier portal's outbound CDR download, Invade-like ("Outbound CDR CSV Explained",
 * invade.atlassian.net …/2980085774; formats.md §6): a header, then one row per attempt as the
 * carrier saw it, oldest first, CRLF:
 *   Time Start (UTC), Trunk Name, CLI, Destination, Duration (secs), Disconnect Code, Disconnect Reason
 * Time Start is the INVITE's arrival, Duration the billed seconds (0 for every unanswered call),
 * Disconnect Code/Reason the final SIP response the carrier sent (200 OK for an answered call).
 * Values quoted only when they hold a comma or a quote (RFC 4180).
 * Read by the generic reader: no platform signature, the header names the columns.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { csvField, wallText, type ScenarioWriter } from './writer';

const HEADER = 'Time Start (UTC),Trunk Name,CLI,Destination,Duration (secs),Disconnect Code,Disconnect Reason\r\n';

export const genericCsvWriter: ScenarioWriter = {
  formatId: 'generic-csv',
  fileName: 'outbound_cdr_2026-11-16.csv',
  // Duration is billed talk time: with no connect or end column, when the call ended is lost.
  carries: { sipCodes: true, callerId: true, endTimes: false, trunk: true },
  header: () => HEADER,
  row(call: SimulatedCall, spec: ScenarioSpec): string {
    const trunk = spec.trunks[call.trunkIndex]!;
    return (
      `${wallText(call.startMs)},${csvField(trunk.name)},${call.callerId},${call.countryCode}${call.nationalNumber},` +
      `${call.talkSec},${call.sipCode},${csvField(call.reason)}\r\n`
    );
  },
};
