/**
 * CarrierOutcomes (a row's outcome looked up by the bytes of its four outcome fields) against its
 * own straightforward reading as the oracle: every row gets what reading it afresh gives, and a
 * row is read afresh only when its four fields (or whether it was answered) are new. The columns
 * this gives a whole row are compared with the CallRecord way in carrier-columns.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { CarrierOutcomes, type CarrierOutcome } from './carrier-outcomes';

/** A reading that tells its fields apart (their texts, and whether the call was answered), or null for a status 'x'. */
function readAfresh(row: Row, answered: boolean): CarrierOutcome | null {
  const [cause, status, code, reason] = [0, 1, 2, 3].map((i) => row.field(i));
  if (status === 'x') return null;
  return { sipCode: Number(code) || 0, codeSource: 1, outcome: answered ? 0 : 1, q850: Number(cause) || 0, reason: `${cause}|${status}|${code}|${reason}|${answered}`, rejected: !answered, statesSipCode: true };
}

/** Each row of `csv` (cause, status, code, reason, answered 0/1) through one table: what it gave, what reading afresh gives, and how many rows were read afresh. */
function lookUps(csv: string) {
  let reads = 0;
  const table = new CarrierOutcomes([0, 1, 2, 3], (row, answered) => {
    reads++;
    return readAfresh(row, answered);
  });
  const got: Array<CarrierOutcome | null> = [];
  const want: Array<CarrierOutcome | null> = [];
  const sink = (row: Row) => {
    const answered = row.field(4) === '1';
    got.push(table.of(row, answered));
    want.push(readAfresh(row, answered));
  };
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  tokenizer.push(new TextEncoder().encode(csv), sink);
  tokenizer.end(sink);
  return { got, want, reads };
}

describe('CarrierOutcomes', () => {
  it('reads each distinct four fields and answered once, and hands the same outcome back', () => {
    const { got, want, reads } = lookUps(['34,CONGESTION,503,Service Unavailable,0', '34,CONGESTION,503,Service Unavailable,0', '16,ANSWER,200,OK,1', '34,CONGESTION,503,Service Unavailable,1', '16,ANSWER,200,OK,1', '34,CONGESTION,503,Service Unavailable,0', ''].join('\n'));
    expect(got).toEqual(want);
    expect(reads).toBe(3); // the 503 not answered, the 200 answered, the 503 answered
    expect(got[0]).toBe(got[1]);
    expect(got[0]).not.toBe(got[3]);
  });

  it('tells apart fields whose bytes run together the same ("1","23" and "12","3")', () => {
    const { got, want, reads } = lookUps('1,23,503,x y,0\n12,3,503,x y,0\n"1","23","503","x y",0\n');
    expect(got).toEqual(want);
    expect(reads).toBe(2); // quoted or not, the third row's fields are the first's
  });

  it('reads afresh a row with a field not there as written (a quote inside), and keeps a null', () => {
    const { got, want, reads } = lookUps('"3""4",BUSY,486,Busy,0\n"3""4",BUSY,486,Busy,0\n16,x,0,,0\n16,x,0,,0\n');
    expect(got).toEqual(want);
    expect(got[2]).toBeNull();
    expect(reads).toBe(3); // both quoted rows, the null once
  });

  it('gives what reading afresh gives, on random rows', () => {
    const field = fc.constantFrom('', '0', '16', '34', '1', '23', '12', '3', 'BUSY', 'x', 'Service Unavailable', ' 503', 'caf\u00e9', '"a""b"', 'SIP 503 Service Unavailable');
    const row = fc.tuple(field, field, field, field, fc.boolean()).map(([a, b, c, d, answered]) => `${a},${b},${c},${d},${answered ? 1 : 0}`);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const { got, want } = lookUps(`${rows.join('\n')}\n`);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('reads per row past its capacity (1,024 outcomes), the same outcomes', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `${i},BUSY,486,Busy Here,0`);
    const { got, want, reads } = lookUps(`${[...rows, ...rows].join('\n')}\n`);
    expect(got).toEqual(want);
    expect(reads).toBe(1500 + 1500 - 1024); // the first 1,024 are kept, found the second time
  });
});
