import { SAMPLE_DAY } from '../../core/scenario/scenario';

/**
 * The sample day is a VICIdial Export Calls Report, so its trunks arrive as dial prefixes ("prefix 8");
 * name them after the simulated carriers, as an operator would with the rename button.
 */
export const SAMPLE_DAY_TRUNK_NAMES: ReadonlyMap<string, string> = new Map(
  SAMPLE_DAY.trunks.map((t) => [`prefix ${t.dialPrefix}`, t.name.replace(/^carrier-(\w)$/, (_, c: string) => `Carrier ${c.toUpperCase()}`)]),
);
