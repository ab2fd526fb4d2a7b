/**
 * What to tell the user when a file cannot separate a 503 from a 603 (diagnosis.md, "What each
 * format can tell"), and what to log so the next export can. Shared by the UI and the CLI.
 */
import type { FormatFamily } from '../formats/format-module';

export interface CapabilityAdvice {
  /** One sentence: what the file cannot tell, and why. */
  limitation: string;
  /** What to change on the platform so future exports carry the SIP code. */
  fix: string[];
}

export function adviceForMissingSipCodes(family: FormatFamily): CapabilityAdvice {
  switch (family) {
    case 'asterisk':
    case 'freepbx':
      return {
        limitation:
          'Asterisk CDRs record a disposition, not the SIP response: a 503 shows as FAILED (CONGESTION with congestion=yes), while a 603 shows as BUSY (chan_sip) or NO ANSWER (chan_pjsip), exactly like a real busy or unanswered call. 503-like failures can be counted; 603s cannot be told apart.',
        fix: [
          'In the h extension of the trunk dialplan: Set(CDR(userfield)=${HANGUPCAUSE(${HANGUPCAUSE_KEYS()},tech)}) — it stores text such as "SIP 503 Service Unavailable", which Trunk Triage reads.',
          'In cdr.conf: loguserfield=yes under [csv] (and congestion=yes under [general] so 503s show as CONGESTION).',
        ],
      };
    case 'freeswitch':
      return {
        limitation:
          'FreeSWITCH writes a cause name: NORMAL_TEMPORARY_FAILURE is 503-like, but CALL_REJECTED covers 401, 402, 403, 407, 603 and 608 alike, so a 603 cannot be told from a 403.',
        fix: [
          'Add ${sip_term_status} (or ${sip_invite_failure_status}), ${sip_hangup_phrase} (or ${sip_invite_failure_phrase}) and ${sip_gateway_name} to the cdr_csv template (legs=ab to include the gateway leg). mod_cdr_csv writes no header row: add one line naming the columns by their variables at the top of the file before reading it.',
        ],
      };
    case 'vicidial':
      return {
        limitation: 'These rows have no SIP code (Asterisk 11 or carrier logging without the tech cause): only the Q.850 cause and dial status are known.',
        fix: [
          'Enable carrier logging (servers.carrier_logging_active=Y) and use the Asterisk 13+ h-extension line that passes ${HANGUPCAUSE(${HANGUPCAUSE_KEYS()},tech)} to call_log.',
        ],
      };
    case 'kamailio':
      return {
        limitation: 'These rows carry no sip_code.',
        fix: ['Account failed transactions too (modparam("acc", "failed_transaction_flag", …) and setflag on every INVITE), so each final reply is written with its code and phrase ($rs and $rr, into sip_code and sip_reason of the acc table).'],
      };
    case 'generic':
      return {
        limitation: 'No column with the SIP response code was found, so 503 and 603 cannot be separated.',
        fix: ['Export the carrier\'s "disconnect code" / "SIP code" column, or map it in the column panel if the file has it under another name.'],
      };
  }
}
