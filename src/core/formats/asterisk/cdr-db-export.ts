/**
 * Asterisk CDR exported from an SQL table with a header (formats.md §2.3): cdr_adaptive_odbc
 * writes every CDR variable to the column of the same name, and any CDR(foo) user variable to a
 * column foo, so sites add `trunk`, `hangupcause`, `sipcode`, `hangupcause_tech` …
 * Known layouts: Asterisk's reference table (contrib/ast-db-manage/cdr/versions/
 * 210693f3123d_create_cdr_table.py), Grandstream UCM CDR CSV (UCM6510 manual), and the
 * srinimonster table with a `trunk` column (real sample; literal NULL for SQL NULL).
 * Failover chains (one uniqueid, one row per trunk tried) stay one record per row: each is an
 * attempt on its own trunk. The srinimonster sample shows the `trunk` column lagging one attempt
 * behind dstchannel (dstchannel PJSIP/VIOrig with trunk=VITerm, the next trunk tried), so
 * dstchannel is trusted first and the column only when no channel names a trunk.
 */
import type { FormatModule, RowParser } from '../format-module';
import { hasTrunkColumns, HeaderMapper, looksLikeCdrHeader, rolesOf } from './header-columns';
import { sameColumns } from './freepbx-columns';
import { createCdrParser } from './parser-core';
import { normalizeHeader } from './shapes';
import { FORMAT_LABELS } from '../format-labels';

const ASTERISK_REFERENCE = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end',
  'duration', 'billsec', 'disposition', 'amaflags', 'userfield', 'uniqueid', 'linkedid', 'peeraccount', 'sequence',
];

const GRANDSTREAM_UCM = [
  'acctid', 'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer',
  'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield', 'channel_ext', 'dstchannel_ext', 'service',
];

const SRINIMONSTER = [
  'acctid', 'tenant', 'clid', 'src', 'dst', 'dcontext', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'calldate', 'duration',
  'billsec', 'billamount', 'disposition', 'amaflags', 'accountcode', 'uniqueid', 'userfield', 'linkedid', 'sequence',
  'agiuniqueid', 'trunk', 'did', 'sipcallid', 'inboundsipcallid',
];

export const asteriskCdrDbExport: FormatModule = {
  id: 'asterisk-cdr-db-export',
  label: FORMAT_LABELS['asterisk-cdr-db-export'],
  family: 'asterisk',
  syntax: 'delimited',
  splittable: true,
  detect(sample) {
    const first = sample.rows[0];
    if (!first) return null;
    const header = normalizeHeader(first);
    if (sameColumns(header, SRINIMONSTER)) return { score: 1, variant: 'custom table with a trunk column (AcctId, tenant … trunk)' };
    if (sameColumns(header, GRANDSTREAM_UCM)) return { score: 0.97, variant: 'Grandstream UCM CDR' };
    if (sameColumns(header, ASTERISK_REFERENCE)) return { score: 0.97, variant: 'Asterisk reference cdr table' };
    if (!looksLikeCdrHeader(first)) return null;
    const roles = rolesOf(first);
    if (!hasTrunkColumns(roles) || (roles.src === undefined && roles.dst === undefined)) return null;
    const extras = [
      roles.trunk !== undefined ? 'trunk' : '',
      roles.sipCode !== undefined ? 'SIP code' : '',
      roles.causeTech !== undefined ? 'HANGUPCAUSE tech' : '',
      roles.hangupCause !== undefined ? 'hangup cause' : '',
    ].filter((e) => e !== '');
    const withExtras = extras.length > 0 ? `, with ${extras.join(', ')}` : '';
    return { score: 0.8, variant: `cdr_adaptive_odbc-style header (${header.length} columns${withExtras})` };
  },
  fileNameHint: (name) => /cdr/i.test(name),
  createParser(init): RowParser {
    const mapper = new HeaderMapper();
    return createCdrParser({ map: (row) => mapper.map(row.fields()), hasTrunk: () => mapper.hasTrunk(), startField: () => mapper.startField() }, init);
  },
};
