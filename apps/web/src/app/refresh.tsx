import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { RefreshInterval } from '../api/queries.js';
import { readPreference, writePreference } from './stored-preference.js';

/** The poll intervals offered, in seconds. */
export const REFRESH_CHOICES = [5, 10, 30, 60] as const;

/** Live refresh: how often pages poll the server, and whether polling is paused. */
export interface RefreshSettings {
  seconds: number;
  paused: boolean;
  setSeconds: (seconds: number) => void;
  setPaused: (paused: boolean) => void;
  /** What TanStack Query's refetchInterval wants. */
  interval: RefreshInterval;
}

const KEY = 'natscope.refresh';
const isStored = (v: unknown): v is { seconds: number; paused: boolean } =>
  typeof v === 'object' &&
  v !== null &&
  REFRESH_CHOICES.some((c) => c === (v as { seconds?: unknown }).seconds) &&
  typeof (v as { paused?: unknown }).paused === 'boolean';

const RefreshContext = createContext<RefreshSettings | null>(null);

/** Holds the refresh settings for every page (one control in the header drives them all). */
export function RefreshProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState(() => readPreference(KEY, isStored, { seconds: 10, paused: false }));
  const value = useMemo<RefreshSettings>(() => {
    const save = (next: { seconds: number; paused: boolean }) => {
      setStored(next);
      writePreference(KEY, next);
    };
    return {
      ...stored,
      setSeconds: (seconds) => save({ ...stored, seconds }),
      setPaused: (paused) => save({ ...stored, paused }),
      interval: stored.paused ? false : stored.seconds * 1000,
    };
  }, [stored]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

/** The current refresh settings. */
export function useRefresh(): RefreshSettings {
  const value = useContext(RefreshContext);
  if (!value) throw new Error('useRefresh needs a RefreshProvider above it');
  return value;
}
