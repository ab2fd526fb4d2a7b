/**
 * Which way a FreeSWITCH call went, per template (direction.ts), on hand-written fixtures: the
 * example template by its dialplan context and number shapes, the asterisk-like template by its
 * channels, opencdrrate by its gateway. Read through the whole registry under a neutral name, in
 * one pass and in pieces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../ingest/ingest-files';
import { inProcessPool } from '../../ingest/pieces/in-process-pool';
import { FORMATS } from '../registry';
import { directionFromContext } from './direction';
import { fixtureUrl } from './test-helpers';

const read = (id: string, name: string) => new Blob([readFileSync(fixtureUrl(id, name))]);

async function traffic(id: string, name: string, pieceBytes?: number) {
  const pool = pieceBytes === undefined ? undefined : inProcessPool(FORMATS);
  const { summary, store } = await ingestFiles([{ name: 'unknown', blob: read(id, name) }], { pool, pieceBytes });
  const file = summary.files[0]!;
  const directions: string[] = [];
  for (let i = 0; i < store.length; i++) directions.push(`${store.trunks.get(store.trunk[i]!)} ${store.directionOf(i)}`);
  return { file, directions, summary };
}

describe('directionFromContext (example-family templates)', () => {
  it.each([
    ['public', '+493012345678', '4930555100', 'inbound'],
    ['PUBLIC', '1001', '00972598765432', 'inbound'],
    ['default', '1001', '1002', 'internal'],
    ['default', '10', '99999', 'internal'],
    ['default', '1002', '15551230009', 'unknown'],
    ['default', '1002', '*98', 'unknown'],
    ['default', 'carol@pbx.example', '1003', 'unknown'],
    ['default', '1004', '123456', 'unknown'],
    ['default', '1', '1002', 'unknown'],
    ['features', '1005', '1006', 'unknown'],
    ['', '1005', '1006', 'unknown'],
  ])('context %s, %s → %s: %s', (context, caller, destination, expected) => {
    expect(directionFromContext(context, caller, destination)).toBe(expected);
  });
});

describe('FreeSWITCH fixtures: direction in the file report', () => {
  it('example-directions.csv: 2 public rows inbound, 2 extension-to-extension rows internal, 5 unknown', async () => {
    // By hand: rows 1–2 have context "public"; rows 3 (1001→1002) and 4 (1001→3500) are "default"
    // between 4-digit numbers; 5 dials 11 digits, 6 a feature code *98, 7 comes from a SIP URI,
    // 8 dials 6 digits, 9 is in a context of its own ("features").
    const { file, directions } = await traffic('freeswitch-cdr-csv', 'example-directions.csv');
    expect(file.format?.id).toBe('freeswitch-cdr-csv');
    expect(file.rows).toMatchObject({ read: 9, used: 7, skipped: 2 });
    expect(file.skipped.map((g) => [g.count, g.firstLines])).toEqual([[2, [3, 4]]]);
    expect(file.skipped[0]!.reason).toMatch(/^internal call: /);
    expect(file.traffic).toMatchObject({ outbound: 0, inbound: 2, internal: 2, unknownDirection: 5 });
    expect(directions.filter((d) => d.endsWith('inbound'))).toHaveLength(2);
  });

  it('asterisk-template.csv: bridged to a gateway or the external profile → outbound; from the external profile in "public" → inbound', async () => {
    // By hand: rows 1–4 and 7 bridge to sofia/gateway/carrierA|B or sofia/external/…@sip.carrier-c;
    // row 5 (context public) comes from sofia/external/+4930123456@203.0.113.7; row 6 is phone to phone.
    const { file, directions } = await traffic('freeswitch-cdr-csv', 'asterisk-template.csv');
    expect(file.traffic).toMatchObject({ outbound: 5, inbound: 1, internal: 1, unknownDirection: 0 });
    expect(directions).toContain('203.0.113.7 inbound');
    expect(directions.filter((d) => d.startsWith('carrierA')).every((d) => d.endsWith('outbound'))).toBe(true);
  });

  it('opencdrrate basic.csv: every row with a sip_gateway_name is a call out through it', async () => {
    // By hand: 5 rows; 4 name carrierA or carrierB, the fourth row has none (skipped, not a gateway leg).
    const { file } = await traffic('freeswitch-cdr-csv-opencdrrate', 'basic.csv');
    expect(file.traffic).toMatchObject({ outbound: 4, inbound: 0, internal: 0, unknownDirection: 0 });
  });

  it('in pieces = in one pass (pieces down to a few bytes)', async () => {
    for (const name of ['example-directions.csv', 'asterisk-template.csv']) {
      const whole = await traffic('freeswitch-cdr-csv', name);
      for (const pieceBytes of [1, 97]) {
        const cut = await traffic('freeswitch-cdr-csv', name, pieceBytes);
        expect(cut.directions, `${name} @ ${pieceBytes}`).toEqual(whole.directions);
        expect({ ...cut.file, pieces: 0 }, `${name} @ ${pieceBytes}`).toEqual({ ...whole.file, pieces: 0 });
      }
    }
  });
});
