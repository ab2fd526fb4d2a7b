import type { DashboardQuery } from './dashboard-types';

/**
 * A query as a key whatever order its fields were written in: the worker's first questions
 * (worker/first-questions.ts) and the page's spell the same query in different orders, and an
 * answer made for one is the answer to the other.
 */
export function queryKey(query: DashboardQuery): string {
  return JSON.stringify(query, (_, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}
