import { z } from 'zod';
import type { LocalFile } from './local-reading.js';

const DUMP_KEY = 'natscope.opened-dump.v1';
const OBJECTS_KEY = 'natscope.opened-objects.v1';
// sessionStorage holds about 5 MB per origin in Chromium; a bigger file is not kept (a reload asks for it again).
const MAX_STORED_CHARS = 4_000_000;

const Kept = z.object({
  file: z.object({ name: z.string(), size: z.number(), readAt: z.string() }),
  base64: z.string(),
  /** The gateway the objects were compared as (objects only). */
  gateway: z.string().optional(),
});

function keep(key: string, input: Uint8Array | string, file: LocalFile, gateway?: string): void {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  try {
    if (bytes.length * 1.34 > MAX_STORED_CHARS) {
      sessionStorage.removeItem(key);
      return;
    }
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    sessionStorage.setItem(key, JSON.stringify({ file, base64: btoa(binary), gateway }));
  } catch {
    // Storage full or disabled: a reload will ask for the file again, nothing else is lost.
  }
}

function recall(key: string): { input: Uint8Array; file: LocalFile; gateway: string | null } | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const kept = Kept.safeParse(JSON.parse(raw));
    if (!kept.success) return null;
    const binary = atob(kept.data.base64);
    const input = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) input[i] = binary.charCodeAt(i);
    return { input, file: kept.data.file, gateway: kept.data.gateway ?? null };
  } catch {
    return null;
  }
}

function forget(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/**
 * Keeps the dump this tab has open for a reload, in sessionStorage (this tab only, gone when it closes): the URL keeps
 * the view state, this the data. Bytes as base64, so a byte that is not UTF-8 comes back as that byte.
 */
export function rememberOpened(input: Uint8Array | string, file: LocalFile): void {
  keep(DUMP_KEY, input, file);
}

/** The dump kept by rememberOpened, if this tab has one. */
export function recallOpened(): { input: Uint8Array; file: LocalFile } | null {
  return recall(DUMP_KEY);
}

/** Keeps the kubeovn.io objects the open dump was compared with, and as which gateway, for a reload. */
export function rememberObjects(input: Uint8Array | string, file: LocalFile, gateway: string): void {
  keep(OBJECTS_KEY, input, file, gateway);
}

/** The objects kept by rememberObjects, if this tab has them. */
export function recallObjects(): { input: Uint8Array; file: LocalFile; gateway: string | null } | null {
  return recall(OBJECTS_KEY);
}

/** Forgets the objects (a new dump is opened: they were compared with the one before). */
export function forgetObjects(): void {
  forget(OBJECTS_KEY);
}

/** Forgets the kept dump and its objects ("Open another"). */
export function forgetOpened(): void {
  forget(DUMP_KEY);
  forget(OBJECTS_KEY);
}
