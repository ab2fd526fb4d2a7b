/** Display names for trunks (e.g. VICIdial "prefix 9" → "Carrier A"), remembered in this browser. */
import { useCallback, useState } from 'react';
import { loadTrunkNames, saveTrunkNames } from '../../lib/local-settings';

const NO_DEFAULTS: ReadonlyMap<string, string> = new Map();

/**
 * `defaults` names trunks the user has not renamed (the sample day's carriers). Keyed by Maps:
 * a trunk is text from a file, and may well be "__proto__" or "constructor".
 */
export function useTrunkNames(defaults: ReadonlyMap<string, string> = NO_DEFAULTS) {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(loadTrunkNames);
  const rename = useCallback((trunk: string, name: string) => {
    setNames((current) => {
      const clean = name.trim();
      const next = new Map(current);
      next.delete(trunk);
      if (clean !== '' && clean !== trunk) next.set(trunk, clean);
      saveTrunkNames(next);
      return next;
    });
  }, []);
  const displayName = useCallback((trunk: string) => names.get(trunk) ?? defaults.get(trunk) ?? trunk, [names, defaults]);
  return { displayName, rename };
}
