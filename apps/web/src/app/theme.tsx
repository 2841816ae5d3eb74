import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { readPreference, writePreference } from './stored-preference.js';

/** The user's theme choice; 'system' follows the operating system. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The theme choice, what it resolves to, and how to change it. */
export interface ThemeSettings {
  choice: ThemeChoice;
  effective: 'light' | 'dark';
  choose: (choice: ThemeChoice) => void;
}

const KEY = 'natscope.theme';
const isChoice = (v: unknown): v is ThemeChoice => v === 'system' || v === 'light' || v === 'dark';
const ThemeContext = createContext<ThemeSettings | null>(null);

function systemTheme(): 'light' | 'dark' {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Keeps the theme choice in localStorage and applies it as `data-theme` on <html> (the CSS reads that). */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice>(() => readPreference(KEY, isChoice, 'system'));
  const [system, setSystem] = useState<'light' | 'dark'>(systemTheme);
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!media) return;
    const update = () => setSystem(media.matches ? 'dark' : 'light');
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  const effective = choice === 'system' ? system : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
  }, [effective]);
  const value = useMemo<ThemeSettings>(
    () => ({
      choice,
      effective,
      choose: (next) => {
        setChoice(next);
        writePreference(KEY, next);
      },
    }),
    [choice, effective],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The current theme settings. */
export function useTheme(): ThemeSettings {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme needs a ThemeProvider above it');
  return value;
}
