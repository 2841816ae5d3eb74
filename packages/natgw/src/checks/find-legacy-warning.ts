import type { Dump } from '@natscope/iptables';

const LEGACY_WARNING = /iptables-legacy tables present/i;

/** Where iptables said legacy tables exist: a line of the dump, or the command's stderr; null if it did not. */
export function findLegacyWarning(dump: Dump, stderr?: string): { where: string } | null {
  const inDump = dump.warnings.find((w) => LEGACY_WARNING.test(w.text));
  if (inDump) return { where: `line ${inDump.line} of the dump` };
  if (stderr && LEGACY_WARNING.test(stderr)) return { where: 'the command’s stderr' };
  return null;
}
