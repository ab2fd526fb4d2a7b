import type { DashboardData } from '../../core/analysis/dashboard-types';

/**
 * The sender's trunk names travel with the link ("Carrier B", not "prefix 8"): the teammate has
 * neither the sender's renames nor the file the names were recovered from.
 */
export function withDisplayNames(data: DashboardData, trunks: readonly string[], displayName: (t: string) => string): { data: DashboardData; trunks: string[] } {
  const name = (t: string) => displayName(t) || t;
  return {
    data: {
      ...data,
      trunks: data.trunks.map((t) => ({ ...t, trunk: name(t.trunk) })),
      onsets: data.onsets.map((o) => ({ ...o, trunk: name(o.trunk) })),
    },
    trunks: trunks.map(name),
  };
}
