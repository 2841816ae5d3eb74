/** Reads a preference saved in localStorage, accepting only values `valid` approves (storage may be stale or blocked). */
export function readPreference<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
  try {
    const text = window.localStorage.getItem(key);
    if (text === null) return fallback;
    const value: unknown = JSON.parse(text);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Saves a preference; a browser that refuses storage just forgets it. */
export function writePreference(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or quota: the preference lasts for this page only.
  }
}
