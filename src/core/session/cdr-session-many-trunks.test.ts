/**
 * CdrSession keeps a bounded memo of diagnoses (200); asked for every trunk of a drop with more
 * (the CLI's report), it still answers every one, the first made (the worst) included.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseTrunks } from '../diagnosis/evidence';
import { ingestFiles } from '../ingest/ingest-files';
import { CdrSession } from './cdr-session';

const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const row = (k: number, peer: string) =>
  `"1.${k}","2026-11-16 09:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}","10.0.0.15","1","34","CONGESTION","SIP/${peer}-0000${k}","1","0","503","Service Unavailable","31255${String(k).padStart(5, '0')}"`;
/** 250 carriers, one 503 each. */
const file = () => ({ name: 'carrier_log.csv', blob: new Blob([[HEADER, ...Array.from({ length: 250 }, (_, k) => row(k, `carrier-${k}`))].join('\n') + '\n']) });

describe('CdrSession.diagnose over more than 200 trunks', () => {
  it('diagnoses every trunk, as diagnoseTrunks does', async () => {
    const { store, summary } = await ingestFiles([file()]);
    expect(summary.trunks).toHaveLength(250);
    const direct = diagnoseTrunks(store, { files: summary.files });
    expect(direct).toHaveLength(250);
    const session = new CdrSession();
    await session.read([file()]);
    expect(session.diagnose(null)).toHaveLength(250);
  });
});
