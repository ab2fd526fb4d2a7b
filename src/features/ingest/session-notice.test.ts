/**
 * The session notices name files as the cards do: escaped (ingest-files.ts), a File's own name too
 * where no card names it. basic.csv (fixtures/cdr/asterisk-cdr-csv) is 10 rows, 7 calls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../core/ingest/ingest-files';
import type { SessionFileInput, SessionSummary } from '../../worker/protocol';
import { describeChange, removedFileName } from './session-notice';

const BASIC = readFileSync(new URL('../../../fixtures/cdr/asterisk-cdr-csv/basic.csv', import.meta.url));
/** 'evil' U+202E 'vsc.exe' ESC '[2J': 4 + 1 + 7 + 1 + 3 = 16 characters, shown as 'evil\u202evsc.exe\x1b[2J' (4 + 6 + 7 + 4 + 3 = 24). */
const HOSTILE = 'evil\u202evsc.exe\u001b[2J';
const SHOWN = 'evil\\u202evsc.exe\\x1b[2J';

/** The session after the change: basic.csv alone, 7 calls from 1 file. */
async function holdingBasic(): Promise<SessionSummary> {
  const { summary } = await ingestFiles([{ name: 'basic.csv', blob: new Blob([BASIC]) }]);
  return { ...summary, files: summary.files.map((f) => ({ ...f, fileId: 'f1', droppedId: 'f1' })), ingestId: 1, alreadyLoaded: [] };
}

describe('session notices name a file as its card does', () => {
  const basic: SessionFileInput = { id: 'f1', file: new File([BASIC], 'basic.csv') };
  const hostile: SessionFileInput = { id: 'f2', file: new File(['x'], HOSTILE) };

  it('"Removed" a file whose read failed before its card was made: its File name, escaped', async () => {
    expect([HOSTILE.length, SHOWN.length]).toEqual([16, 24]);
    const removed = removedFileName(undefined, hostile);
    expect(removed).toBe(SHOWN);
    // With a card, the card's name (escaped where the file was read) as it is.
    expect(removedFileName({ fileName: 'cdr.zip › a\\x1b.csv' }, hostile)).toBe('cdr.zip › a\\x1b.csv');
    const notice = describeChange({ kind: 'remove', removed: [removed] }, [basic, hostile], [basic], await holdingBasic());
    expect(notice?.text).toBe(`Removed ${SHOWN}: 7 calls from 1 file now.`);
  });

  it('"Added" names the File escaped too', async () => {
    const notice = describeChange({ kind: 'add' }, [basic], [basic, hostile], await holdingBasic());
    expect(notice?.text).toBe(`Added ${SHOWN}: 7 calls from 1 file now.`);
  });
});
