import { z } from 'zod';
import type { LocalFile } from './local-reading.js';

const KEY = 'natscope.opened-dump.v1';
// sessionStorage holds about 5 MB per origin in Chromium; a bigger dump is not kept (a reload asks for it again).
const MAX_STORED_CHARS = 4_000_000;

const Kept = z.object({
  file: z.object({ name: z.string(), size: z.number(), readAt: z.string() }),
  base64: z.string(),
});

/**
 * Keeps the dump this tab has open for a reload, in sessionStorage (this tab only, gone when it closes): the URL keeps
 * the view state, this the data. Bytes as base64, so a byte that is not UTF-8 comes back as that byte.
 */
export function rememberOpened(input: Uint8Array | string, file: LocalFile): void {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  try {
    if (bytes.length * 1.34 > MAX_STORED_CHARS) {
      sessionStorage.removeItem(KEY);
      return;
    }
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    sessionStorage.setItem(KEY, JSON.stringify({ file, base64: btoa(binary) }));
  } catch {
    // Storage full or disabled: a reload will ask for the file again, nothing else is lost.
  }
}

/** The dump kept by rememberOpened, if this tab has one. */
export function recallOpened(): { input: Uint8Array; file: LocalFile } | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const kept = Kept.safeParse(JSON.parse(raw));
    if (!kept.success) return null;
    const binary = atob(kept.data.base64);
    const input = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) input[i] = binary.charCodeAt(i);
    return { input, file: kept.data.file };
  } catch {
    return null;
  }
}

/** Forgets the kept dump ("Open another"). */
export function forgetOpened(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
