/** Display names for trunks (e.g. VICIdial "prefix 9" → "Carrier A"), remembered in this browser. */
import { useCallback, useState } from 'react';
import { loadTrunkNames, saveTrunkNames } from '../../lib/local-settings';

export function useTrunkNames() {
  const [names, setNames] = useState<Record<string, string>>(loadTrunkNames);
  const rename = useCallback((trunk: string, name: string) => {
    setNames((current) => {
      const clean = name.trim();
      const next = Object.fromEntries(Object.entries(current).filter(([k]) => k !== trunk));
      if (clean !== '' && clean !== trunk) next[trunk] = clean;
      saveTrunkNames(next);
      return next;
    });
  }, []);
  const displayName = useCallback((trunk: string) => names[trunk] ?? trunk, [names]);
  return { displayName, rename };
}
