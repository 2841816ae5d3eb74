import { useEffect, useState } from 'react';

/** The current time in milliseconds, re-read every `everyMs` so ages shown on screen keep counting. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
