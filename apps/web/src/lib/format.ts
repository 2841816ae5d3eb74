/** Short human numbers for dense tables: 950, 1.2k, 34k, 5.6M, 7.8G. */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs < 1000) return String(Math.round(value));
  const units = ['k', 'M', 'G', 'T', 'P'];
  let scaled = value;
  let unit = '';
  for (const next of units) {
    if (Math.abs(scaled) < 1000) break;
    scaled /= 1000;
    unit = next;
  }
  return `${Math.abs(scaled) < 10 ? scaled.toFixed(1) : Math.round(scaled)}${unit}`;
}

/** Bytes in binary units: 512 B, 1.5 KiB, 20 MiB. */
export function formatBytes(value: number): string {
  if (value < 1024) return `${value} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let scaled = value;
  let unit = 'B';
  for (const next of units) {
    if (scaled < 1024) break;
    scaled /= 1024;
    unit = next;
  }
  return `${scaled < 10 ? scaled.toFixed(1) : Math.round(scaled)} ${unit}`;
}

/** A rate per second, or an empty string when nothing moved (so idle rules stay quiet). */
export function formatRate(perSecond: number | null | undefined, unit = '/s'): string {
  if (perSecond === null || perSecond === undefined || perSecond <= 0) return '';
  if (perSecond < 0.1) return `<0.1${unit}`;
  if (perSecond < 10) return `${perSecond.toFixed(1)}${unit}`;
  return `${formatCount(perSecond)}${unit}`;
}

/** How old a reading is: 'just now', '42 s', '3 min', '2 h', '5 d'. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds < 2) return 'just now';
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/**
 * A moment as an incident timeline writes it, in the browser's time zone: '02:58:03' today, 'Dec 6 02:58:03' on
 * another day (readings kept for weeks), so a time in a phrase is never ambiguous about its day.
 */
export function formatClock(at: string | number, now: number = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('en-GB', { hour12: false });
  return date.toDateString() === new Date(now).toDateString()
    ? time
    : `${date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })} ${time}`;
}
