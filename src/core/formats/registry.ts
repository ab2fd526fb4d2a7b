/**
 * The ordered list of format modules: the only place that knows them all. Detection asks every
 * module; the highest score wins, the file name breaks ties, and the permissive generic reader is
 * last so a specific format always beats it on equal score.
 */
import type { Detection, FormatModule, SniffSample } from './format-module';
import { vicidialCarrierLog, vicidialExportCallsCarrier } from './vicidial';
import { asteriskCdrCsv, asteriskCdrCustom, asteriskCdrDbExport, freepbxCdrReport, freepbxCdrTable } from './asterisk';
import { freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate } from './freeswitch';
import { kamailioAcc, kamailioAccSyslog, kamailioDrGateways } from './kamailio';
import { asteriskCdrSql, freeswitchCdrSql, vicidialSql } from './sql-dump';
import { genericCsv } from './generic';

/** Specific formats first; the permissive generic reader last (it also scores lowest). */
export const FORMATS: readonly FormatModule[] = [
  vicidialCarrierLog,
  vicidialExportCallsCarrier,
  asteriskCdrCsv,
  asteriskCdrCustom,
  freepbxCdrReport,
  freepbxCdrTable,
  asteriskCdrDbExport,
  freeswitchCdrCsv,
  freeswitchCdrCsvOpencdrrate,
  kamailioAcc,
  kamailioDrGateways,
  kamailioAccSyslog,
  asteriskCdrSql,
  vicidialSql,
  freeswitchCdrSql,
  genericCsv,
];

export interface DetectedFormat {
  module: FormatModule;
  detection: Detection;
}

/** Minimum score to accept a detection; below it the file is "not recognized". */
export const MIN_DETECTION_SCORE = 0.15;

export function detectFormat(sample: SniffSample, formats: readonly FormatModule[] = FORMATS): DetectedFormat | null {
  let best: DetectedFormat | null = null;
  for (const module of formats) {
    // Its best could not beat the best so far (the generic reader's 0.4, after a specific format's 0.8–1).
    if (best && module.maxScore !== undefined && module.maxScore < best.detection.score) continue;
    let detection: Detection | null;
    try {
      detection = module.detect(sample);
    } catch {
      detection = null; // a detector must never take the ingest down
    }
    if (!detection || detection.score < MIN_DETECTION_SCORE) continue;
    if (!best || detection.score > best.detection.score) {
      best = { module, detection };
    } else if (detection.score === best.detection.score) {
      const hintNew = module.fileNameHint?.(sample.fileName) ?? false;
      const hintOld = best.module.fileNameHint?.(sample.fileName) ?? false;
      if (hintNew && !hintOld) best = { module, detection };
    }
  }
  return best;
}
