/**
 * FreePBX "CDR Reports" → "CSV File" download (FreePBX/cdr functions.inc.php cdr_export_csv(),
 * formats.md §2.2), FreePBX 15–17: a 26-column header, rows written with PHP fputcsv (`,`, `"`,
 * LF): a field is quoted when it holds a delimiter, quote, space, tab, CR, LF or backslash, inner
 * quotes doubled — so dates (`2026-11-16 08:00:01`), `NO ANSWER`, the clid and the Dial() data
 * arrive quoted, the rest bare. calldate is the CDR start (cdr_adaptive_odbc `alias start =>
 * calldate`, §2.1); there are no answer/end columns, only duration and billsec; amaflags is numeric
 * (3 = DOCUMENTATION). Rows in the report's order, calldate ascending (the search form's sort).
 * The dialer originates `Local/<number>@from-dialer` (a custom context in extensions_custom.conf)
 * with the campaign caller ID, and Dial()s the campaign's PJSIP trunk: src, cnum and outbound_cnum
 * are that caller ID, dstchannel `PJSIP/<trunk>-%08x`. Dispositions only, as chan_pjsip leaves them
 * (asterisk-master-csv.ts pjsipDisposition): 503 → FAILED, 603 → NO ANSWER.
 */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { pjsipDisposition } from './asterisk-master-csv';
import { hex8, wallText, type ScenarioWriter } from './writer';

const HEADER =
  'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,' +
  'uniqueid,userfield,did,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,recordingfile,linkedid,peeraccount,sequence\n';

/** PHP fputcsv() with the default delimiter, enclosure and escape character. */
function fputcsvField(text: string): string {
  return /[,"\\ \t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const freepbxCdrReportWriter: ScenarioWriter = {
  formatId: 'freepbx-cdr-report',
  fileName: 'cdr__1794860100pbx.example.com.csv',
  carries: { sipCodes: false, callerId: true, endTimes: true, trunk: true },
  header: () => HEADER,
  row(call: SimulatedCall, spec: ScenarioSpec): string {
    const trunk = spec.trunks[call.trunkIndex]!;
    const number = call.countryCode + call.nationalNumber;
    const cid = call.callerId;
    const f = fputcsvField;
    // Digits, ids and empty columns never need quotes; the rest goes through fputcsv's rule.
    return (
      `${f(wallText(call.startMs))},${f(`"Campaign" <${cid}>`)},${cid},${number},from-dialer,` +
      `${f(`Local/${number}@from-dialer-${hex8(call.sequence * 2)};2`)},${f(`PJSIP/${trunk.name}-${hex8(call.sequence * 2 + 1)}`)},Dial,` +
      `${f(`PJSIP/${number}@${trunk.name},300,T`)},${call.ringSec + call.talkSec},${call.talkSec},${f(pjsipDisposition(call.sipCode))},3,,` +
      `${call.uniqueId},,,${cid},Campaign,${cid},,,,${call.uniqueId},,${call.sequence}\n`
    );
  },
};
