/**
 * True once `key` has stayed the same for `ms`: a reading whose numbers stopped moving. Reset by
 * any new key.
 */
import { useEffect, useState } from 'react';

export function useUnchangedFor(key: string, ms: number): boolean {
  const [stuckKey, setStuckKey] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setStuckKey(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return stuckKey === key;
}
