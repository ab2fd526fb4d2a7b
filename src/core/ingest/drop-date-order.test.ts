/**
 * The day/month order of files dropped together: a file whose dates all read both ways (every day
 * ≤ 12, no uniqueid time) follows the file of the drop that proves the order; files that prove
 * opposite orders each keep their own; where nothing proves it, month first is assumed and said.
 * The files are Master.csv rows as a spreadsheet writes them back, without uniqueid times.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles, type IngestedFiles } from './ingest-files';

/** A failed outbound call on trunk `carrier` at `start` (as written), with a uniqueid that holds no time. */
const row = (dst: string, start: string, id: string) =>
  `"","1001","${dst}","from-internal","","SIP/1001-00000001","SIP/carrier-0000000a","Dial","SIP/${dst}@carrier,60","${start}","","${start}",0,0,"FAILED","DOCUMENTATION","${id}",""`;
const file = (name: string, ...rows: string[]) => ({ name, blob: new Blob([`${rows.join('\r\n')}\r\n`]) });

/** 03/04 and 05/04: 3 and 5 April day first, 4 March and 4 May month first. */
const A = () => file('a.csv', row('5550001', '03/04/2015 10:00', 'a-1'), row('5550002', '05/04/2015 11:00', 'a-2'));
/** 24/03 reads day first only. */
const B = () => file('b.csv', row('5550003', '24/03/2015 09:00', 'b-1'), row('5550004', '25/03/2015 09:30', 'b-2'));
/** 3/24 reads month first only. */
const C = () => file('c.csv', row('5550005', '3/24/2015 09:00', 'c-1'));
/** A with its dates written so that they read one way only (day first: 3 and 5 April). */
const A_ISO = () => file('a.csv', row('5550001', '2015-04-03 10:00:00', 'a-1'), row('5550002', '2015-04-05 11:00:00', 'a-2'));

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The start times (wall ms, earliest first) of the calls read from the file named `name`. */
function startsOf(built: IngestedFiles, name: string): number[] {
  const index = built.summary.files.findIndex((f) => f.fileName === name);
  const { store, fileOfCall } = built;
  const starts: number[] = [];
  for (let i = 0; i < store.length; i++) if (fileOfCall.length === 0 || fileOfCall[i] === index) starts.push(store.startMs[i]!);
  return starts.sort((x, y) => x - y);
}

const hintOf = (built: IngestedFiles, name: string) => built.summary.files.find((f) => f.fileName === name)!.companionHint;

describe('the day/month order of a drop', () => {
  it('a file alone that cannot tell: month first, and its card says that was assumed', async () => {
    const built = await ingestFiles([A()]);
    // 4 March 10:00 and 4 May 11:00: 61 days and an hour apart.
    expect(startsOf(built, 'a.csv')).toEqual([Date.UTC(2015, 2, 4, 10), Date.UTC(2015, 4, 4, 11)]);
    expect(startsOf(built, 'a.csv')[1]! - startsOf(built, 'a.csv')[0]!).toBe(61 * DAY + HOUR);
    expect(hintOf(built, 'a.csv')).toBe(
      'Dates such as 03/04/2015 10:00 are read month first (2015-03-04), an assumption: no date in this file has a day above 12 to tell. ' +
        'If your system writes the day first (2015-04-03), the dates shown are off; the times of day and the rates are not.',
    );
    expect(built.summary.files[0]!.dateOrder).toEqual({ order: 'mdy', basis: 'assumed', from: null, proof: null });
  });

  it('a file that cannot tell follows the file dropped with it that proves day first, read before or after it', async () => {
    for (const drop of [
      [A(), B()],
      [B(), A()],
    ]) {
      const built = await ingestFiles(drop);
      // 3 April 10:00 and 5 April 11:00: two days and an hour apart (not 61 days).
      expect(startsOf(built, 'a.csv')).toEqual([Date.UTC(2015, 3, 3, 10), Date.UTC(2015, 3, 5, 11)]);
      expect(startsOf(built, 'a.csv')[1]! - startsOf(built, 'a.csv')[0]!).toBe(2 * DAY + HOUR);
      // b.csv as it reads alone: 24 and 25 March.
      expect(startsOf(built, 'b.csv')).toEqual([Date.UTC(2015, 2, 24, 9), Date.UTC(2015, 2, 25, 9, 30)]);
      expect(hintOf(built, 'a.csv')).toBe(
        'Dates such as 03/04/2015 10:00 are read day first (2015-04-03): the day/month order is taken from b.csv, read with this file, where 24/03/2015 09:00 can only be day first. ' +
          'No date in this file has a day above 12 to tell.',
      );
      expect(hintOf(built, 'b.csv')).toBeNull();
      expect(built.summary.files.find((f) => f.fileName === 'a.csv')!.dateOrder).toEqual({ order: 'dmy', basis: 'drop', from: 'b.csv', proof: '24/03/2015 09:00' });
      expect(built.summary.files.find((f) => f.fileName === 'b.csv')!.dateOrder).toEqual({ order: 'dmy', basis: 'file', from: null, proof: '24/03/2015 09:00' });
      // Both files' rows: 2 read, 2 used each; 4 calls in all.
      expect(built.summary.files.map((f) => [f.fileName, f.rows.read, f.rows.used])).toEqual(drop.map((f) => [f.name, 2, 2]));
      expect(built.summary.calls).toBe(4);
      expect(built.summary.span).toEqual({ firstMs: Date.UTC(2015, 2, 24, 9), lastMs: Date.UTC(2015, 3, 5, 11) });
    }
  });

  it('metamorphic: with b.csv, in either order, a.csv gives the calls it gives written day first unambiguously', async () => {
    const unambiguous = startsOf(await ingestFiles([A_ISO(), B()]), 'a.csv');
    expect(startsOf(await ingestFiles([A(), B()]), 'a.csv')).toEqual(unambiguous);
    expect(startsOf(await ingestFiles([B(), A()]), 'a.csv')).toEqual(unambiguous);
    // And the trunk table counts the same calls: 4 attempts on carrier either way.
    const table = async (drop: ReturnType<typeof file>[]) => (await ingestFiles(drop)).summary.trunks.map((t) => [t.name, t.attempts]);
    expect(await table([A(), B()])).toEqual(await table([A_ISO(), B()]));
  });

  it('files that prove opposite orders each keep their own and say so; a file that cannot tell between them is read month first, assumed', async () => {
    const built = await ingestFiles([A(), B(), C()]);
    expect(startsOf(built, 'b.csv')).toEqual([Date.UTC(2015, 2, 24, 9), Date.UTC(2015, 2, 25, 9, 30)]);
    expect(startsOf(built, 'c.csv')).toEqual([Date.UTC(2015, 2, 24, 9)]);
    expect(startsOf(built, 'a.csv')).toEqual([Date.UTC(2015, 2, 4, 10), Date.UTC(2015, 4, 4, 11)]);
    expect(hintOf(built, 'b.csv')).toBe(
      'Dates are read day first, as 24/03/2015 09:00 in this file shows; c.csv, read with it, shows month first (3/24/2015 09:00 there): different exports, each is read in its own order.',
    );
    expect(hintOf(built, 'c.csv')).toBe(
      'Dates are read month first, as 3/24/2015 09:00 in this file shows; b.csv, read with it, shows day first (24/03/2015 09:00 there): different exports, each is read in its own order.',
    );
    expect(hintOf(built, 'a.csv')).toBe(
      'Dates such as 03/04/2015 10:00 are read month first (2015-03-04), an assumption: no date in this file has a day above 12 to tell, and the files read with it disagree (b.csv day first, c.csv month first). ' +
        'If your system writes the day first (2015-04-03), the dates shown are off; the times of day and the rates are not.',
    );
  });

  it('a file that cannot tell, read with files that cannot either: month first, assumed, and the card says none told', async () => {
    const other = file('d.csv', row('5550006', '06/07/2015 08:00', 'd-1'));
    const built = await ingestFiles([A(), other]);
    expect(startsOf(built, 'a.csv')).toEqual([Date.UTC(2015, 2, 4, 10), Date.UTC(2015, 4, 4, 11)]);
    expect(startsOf(built, 'd.csv')).toEqual([Date.UTC(2015, 5, 7, 8)]);
    expect(hintOf(built, 'a.csv')).toBe(
      'Dates such as 03/04/2015 10:00 are read month first (2015-03-04), an assumption: no date in this file has a day above 12 to tell, nor in the files read with it. ' +
        'If your system writes the day first (2015-04-03), the dates shown are off; the times of day and the rates are not.',
    );
  });

  it('a file added to a session later follows the order a file read earlier proved', async () => {
    const first = await ingestFiles([B()]);
    const built = await ingestFiles([A()], { continueFrom: first });
    expect(startsOf(built, 'a.csv')).toEqual([Date.UTC(2015, 3, 3, 10), Date.UTC(2015, 3, 5, 11)]);
    expect(built.summary.files.find((f) => f.fileName === 'a.csv')!.dateOrder).toEqual({ order: 'dmy', basis: 'drop', from: 'b.csv', proof: '24/03/2015 09:00' });
  });

  it('a CSV with a header follows a Master.csv read with it: the same order for every format', async () => {
    const csv = { name: 'report.csv', blob: new Blob(['Call Start,Trunk,SIP Code\n03/04/2015 10:00,carrier,503\n05/04/2015 11:00,carrier,503\n']) };
    const built = await ingestFiles([csv, B()]);
    expect(startsOf(built, 'report.csv')).toEqual([Date.UTC(2015, 3, 3, 10), Date.UTC(2015, 3, 5, 11)]);
    expect(hintOf(built, 'report.csv')).toBe(
      'Dates such as 03/04/2015 10:00 are read day first (2015-04-03): the day/month order is taken from b.csv, read with this file, where 24/03/2015 09:00 can only be day first. ' +
        'No date in this file has a day above 12 to tell.',
    );
  });

  it('more rows in doubt than a parser holds back: those read month first at once stay so, and the card says which', async () => {
    // 20,002 calls on 12/02/2024, a second apart from 10:00:00: the first 20,000 (lines 2 to 20,001)
    // are held and read day first (12 February); the last 2 (lines 20,002 and 20,003) were read
    // month first (2 December) before b.csv's order was known.
    const time = (s: number) => `${String(10 + Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    const rows = Array.from({ length: 20_002 }, (_, s) => `12/02/2024 ${time(s)},carrier,503`);
    const big = { name: 'big.csv', blob: new Blob([`Call Start,Trunk,SIP Code\n${rows.join('\n')}\n`]) };
    const built = await ingestFiles([big, B()]);
    const starts = startsOf(built, 'big.csv');
    expect(starts.filter((ms) => ms < Date.UTC(2024, 1, 13)).length).toBe(20_000);
    expect(starts.filter((ms) => ms >= Date.UTC(2024, 11, 2))).toEqual([Date.UTC(2024, 11, 2, 15, 33, 20), Date.UTC(2024, 11, 2, 15, 33, 21)]);
    expect(hintOf(built, 'big.csv')).toBe(
      'Dates such as 12/02/2024 10:00:00 are read day first (2024-02-12): the day/month order is taken from b.csv, read with this file, where 24/03/2015 09:00 can only be day first. ' +
        'No date in this file has a day above 12 to tell. ' +
        '2 rows from line 20002 on (such as 12/02/2024 15:33:20) were read month first before b.csv, read with this file, showed the day first: their dates are off by the swap; their times of day and the rates are not.',
    );
    expect(built.summary.files[0]!.rows).toEqual({ read: 20_002, used: 20_002, skipped: 0, headerLines: 1 });
  }, 30_000);
});
