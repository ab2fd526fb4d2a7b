/**
 * The dashboard's first questions after a read, as the page asks them (features/dashboard/use-dashboard.ts):
 * the whole-file trunk table, then the worst trunk's first screen (its timeline) and panels. The
 * worker asks them itself before the page does: in its warm-up, and after a read the first table
 * with the result, the rest once the page asks its first question (ingest.worker.ts prepareFirstAnswer). The row limits do not change which code runs or what the analysis keeps.
 */
import type { DashboardQuery } from '../core/analysis/dashboard-types';

export const FIRST_TABLE_QUERY: DashboardQuery = { window: null, trunks: [], bucketMs: null, topN: 12, trunkLimit: 200 };

/** The question for `trunk`'s first screen and panels, whole span. */
export const firstDetailQuery = (trunk: string): DashboardQuery => ({ ...FIRST_TABLE_QUERY, trunks: [trunk], spanSeries: true, trunkSeries: true, kpi: true });
