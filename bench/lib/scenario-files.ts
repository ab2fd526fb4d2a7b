/**
 * The generator's sample day written as a file an operator would drop, at any number of calls:
 * used by the bench's inputs and by the device kit (which generates its input on the device).
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { SAMPLE_DAY } from '../../src/core/scenario/scenario';
import { simulateDay } from '../../src/core/scenario/simulate';
import { writeScenario, type ScenarioWriter } from '../../src/core/scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../../src/core/scenario/writers/asterisk-master-csv';
import { vicidialCarrierLogWriter } from '../../src/core/scenario/writers/vicidial-carrier-log';
import { freeswitchCdrCsvWriter } from '../../src/core/scenario/writers/freeswitch-cdr-csv';
import type { InputFormat } from '../inputs';

const countCalls = (scale: number) => simulateDay({ ...SAMPLE_DAY, scale }, () => {});

/**
 * Scale of SAMPLE_DAY giving `target` calls within 0.2 %: proportional from the sample day, then
 * corrected from a simulated (not written) day, since the count is not exactly linear in the scale.
 */
export function scaleFor(target: number): number {
  let scale = target / countCalls(1);
  for (let i = 0; i < 4; i++) {
    const calls = countCalls(scale);
    if (Math.abs(calls - target) / target < 0.002) break;
    scale *= target / calls;
  }
  return Math.round(scale * 1e4) / 1e4;
}

export function writerFor(format: InputFormat): ScenarioWriter {
  switch (format) {
    case 'asterisk-master-csv':
      return asteriskMasterCsvWriter({ hangupCauseInUserfield: false });
    case 'vicidial-carrier-log':
      return vicidialCarrierLogWriter;
    case 'freeswitch-cdr-csv':
      return freeswitchCdrCsvWriter;
  }
}

/**
 * The sample day at `scale` in `format`, streamed to `file` (through a temporary name, so a file
 * that exists is whole): a 1 GB day never sits in memory.
 */
export function writeScenarioFile(file: string, format: InputFormat, scale: number): { bytes: number; calls: number } {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  let calls: number;
  try {
    calls = writeScenario({ ...SAMPLE_DAY, scale }, writerFor(format), (chunk) => {
      const buf = Buffer.from(chunk, 'utf8');
      writeSync(fd, buf);
      bytes += buf.length;
    });
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return { bytes, calls };
}
