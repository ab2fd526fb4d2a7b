/** Display names for trunks (e.g. VICIdial "prefix 9" → "Carrier A"), remembered in this browser. */
import { useCallback, useState } from 'react';
import { loadTrunkNames, saveTrunkNames } from '../../lib/local-settings';

/** `defaults` names trunks the user has not renamed (the sample day's carriers). */
export function useTrunkNames(defaults: Readonly<Record<string, string>> = {}) {
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
  const displayName = useCallback((trunk: string) => names[trunk] ?? defaults[trunk] ?? trunk, [names, defaults]);
  return { displayName, rename };
}
