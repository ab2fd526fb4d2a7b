/**
 * Parser-level checks that do not need fixtures: no throw on any row, outcomes well formed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccParser } from './acc-parser';
import { isAccTable } from '.';
import { rowOf } from '../../read/row';

const HEADER = ['id', 'method', 'callid', 'sip_code', 'sip_reason', 'time', 'dst_gwgroupid', 'dst_domain', 'dst_user', 'src_user', 'duration', 'setuptime', 'created'];
const value = fc.oneof(
  fc.constantFrom('INVITE', 'BYE', 'ACK', '', 'NULL', '200', '503', '603', '183', 'x', '2025-01-01 00:00:00', '1741168805', '0', '12', 'gw', 'c1', 'c2'),
  fc.string({ maxLength: 8 }),
);

describe('createAccParser', () => {
  it('never throws and returns a record, merged or skip with a reason for any row', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 16 }), { maxLength: 30 }), (rows) => {
        const parser = createAccParser({ fileName: 'unknown', delimiter: ',' });
        parser.tokenizer.push('id,method,callid,sip_code\n', () => {}); // decide: delimited
        expect(parser.parse(rowOf(HEADER), 1)).toEqual({ kind: 'header' });
        rows.forEach((row, i) => {
          const outcome = parser.parse(rowOf(row), i + 2);
          if (outcome.kind === 'skip') expect(outcome.reason.length).toBeGreaterThan(0);
          else expect(['record', 'merged', 'header']).toContain(outcome.kind);
          if (outcome.kind === 'record') {
            expect(outcome.record.trunk).not.toBe('');
            expect(Number.isFinite(outcome.record.startMs)).toBe(true);
          }
        });
        for (const { record } of parser.finish?.() ?? []) expect(record.sipCode).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('knows acc table names, including date-rotated copies', () => {
    expect(['acc', 'missed_calls', 'ACC', 'acc_20240101', 'acc_2024_01', 'missed_calls_202401'].every(isAccTable)).toBe(true);
    expect(['acc_cdrs', 'accounts', 'dr_gateways', 'version'].some(isAccTable)).toBe(false);
  });
});
