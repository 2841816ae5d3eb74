import { useCallback, useState } from 'react';
import { readPreference, writePreference } from '../../app/stored-preference.js';

const KEY = 'natscope.sidePanel';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Whether the gateway page's side panel (rule details, diagnostics, trace) is open: a preference of this browser,
 * not part of the link, since a link names what to look at, not how much room the reader wants for the graph.
 */
export function useSidePanel(): { open: boolean; setOpen: (open: boolean) => void } {
  const [open, setState] = useState(() => readPreference(KEY, isBoolean, true));
  const setOpen = useCallback((next: boolean) => {
    setState(next);
    writePreference(KEY, next);
  }, []);
  return { open, setOpen };
}
