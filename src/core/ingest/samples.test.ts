/**
 * Every real export in ../shared/samples (from public repositories; never copied here) through the
 * full registry, without its file name: the detected format, and read = used + skipped with every
 * skip explained. Skips itself when the folder is absent.
 */
import { existsSync, openAsBlob, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from './ingest-files';

const SAMPLES = path.resolve(import.meta.dirname, '../../../../shared/samples');

/** Expected format of each sample file (folder/file → format id). */
const EXPECTED: Record<string, string> = {
  'asterisk_cdr_csv/BugaDM_Master.csv': 'asterisk-cdr-csv',
  'asterisk_cdr_csv/mineevburyat_Master_newcdrcolumns.csv': 'asterisk-cdr-csv',
  'asterisk_cdr_csv/simularent_Master.csv': 'asterisk-cdr-csv',
  'asterisk_cdr_custom/KelySaina_Master_cdr_custom.csv': 'asterisk-cdr-custom',
  'asterisk_cdr_db_export/srinimonster_voipreports1_cdr_with_trunk.csv': 'asterisk-cdr-db-export',
  'freepbx_cdr_export/apspoliveira_cdr__1504525205ucoip.g9telecom.pt.csv': 'freepbx-cdr-report',
  'freepbx_cdr_export/apspoliveira_cdr__1504542198ucoip.g9telecom.pt.csv': 'freepbx-cdr-report',
  'freepbx_cdr_export/apspoliveira_cdr_new_excel_CR_line_endings.csv': 'freepbx-cdr-table',
  'freepbx_cdr_export/apspoliveira_freepbx_cdr_table_dump.csv': 'freepbx-cdr-table',
  'freeswitch_cdr_csv/DuyNguyen2599_Master_example_template.csv': 'freeswitch-cdr-csv',
  'freeswitch_cdr_csv/Kxingyunliushui_Master_excel_resaved.csv': 'freeswitch-cdr-csv',
  'freeswitch_cdr_csv/spicyramen_Master_example_template.csv': 'freeswitch-cdr-csv',
  'kamailio_acc/dsiprouter_v0.79_acc_DERIVED.csv': 'kamailio-acc',
  'kamailio_acc/dsiprouter_v0.79_acc_table_dump.sql': 'kamailio-acc',
  'kamailio_acc/dsiprouter_v0.79_dr_gateways_dump.sql': 'kamailio-dr-gateways',
};

function sampleFiles(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .filter((d) => statSync(path.join(SAMPLES, d)).isDirectory())
    .flatMap((d) => readdirSync(path.join(SAMPLES, d)).filter((f) => !f.endsWith('.md')).map((f) => `${d}/${f}`))
    .sort();
}

describe.skipIf(!existsSync(SAMPLES))('real exports in ../shared/samples', () => {
  const files = sampleFiles();

  it('every sample file has an expected format (a new sample needs a line above)', () => {
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  it.each(files)('%s', async (file) => {
    // Read under a neutral name: detection must come from the content.
    const { summary } = await ingestFiles([{ name: 'unknown', blob: await openAsBlob(path.join(SAMPLES, file)) }]);
    const result = summary.files[0]!;
    expect(result.error).toBeNull();
    expect(result.format?.id).toBe(EXPECTED[file]);
    expect(result.rows.read).toBeGreaterThan(0);
    expect(result.rows.read).toBe(result.rows.used + result.rows.skipped);
    const explained = result.skipped.reduce((n, g) => n + g.count, 0);
    expect(explained).toBe(result.rows.skipped);
    for (const group of result.skipped) {
      expect(group.reason).not.toMatch(/unreadable row/);
      expect(group.reason.length).toBeGreaterThan(10);
      expect(group.firstLines.length).toBeGreaterThan(0);
    }
  });
});
