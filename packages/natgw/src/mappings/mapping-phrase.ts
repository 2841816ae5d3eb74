import type { Mapping } from '@natscope/api';
import { stripHostPrefix } from '../packet-sets/ipv4.js';

/**
 * How a floating IP, a port forward, an SNAT and a hairpin read, everywhere natscope names one: rule summaries and
 * mappings in the report, the web's mapping lines and trace presets, the CLI's drift findings. Fields are plain
 * strings or numbers, so what an object wants (a kubeovn.io resource, `?` for a missing field) reads the same.
 */
export const say = {
  fip: (m: { eip: string; internalIp: string }): string => `${m.eip} ⇄ ${m.internalIp}`,
  dnat: (m: {
    protocol: string;
    eip: string;
    externalPort: number | string;
    internalIp: string;
    internalPort: number | string;
  }): string => `${m.protocol} ${m.eip}:${m.externalPort} → ${m.internalIp}:${m.internalPort}`,
  snat: (m: { internalCidr: string; eip: string }): string => `${stripHostPrefix(m.internalCidr)} → ${m.eip}`,
  hairpin: (m: { eip: string }): string => `hairpin ${m.eip}`,
};

/** The one-line text of a mapping, as its rules' summaries say it (`tcp 192.168.100.12:2222 → 10.0.2.20:22`). */
export function mappingSummary(m: Mapping): string {
  switch (m.kind) {
    case 'fip':
      return say.fip(m);
    case 'dnat':
      return say.dnat(m);
    case 'snat':
      return say.snat(m);
    case 'hairpin':
      return say.hairpin(m);
  }
}

/** The short name of each kind, before its summary in a title; a hairpin's summary names it already. */
const KIND_NAMES: ReadonlyMap<Mapping['kind'], string> = new Map([
  ['fip', 'FIP'],
  ['dnat', 'DNAT'],
  ['snat', 'SNAT'],
]);

/** A mapping named with its kind: `FIP 192.168.100.11 ⇄ 10.0.1.5`, `DNAT tcp 192.168.100.12:2222 → 10.0.2.20:22`. */
export function mappingTitle(m: Mapping): string {
  const kind = KIND_NAMES.get(m.kind);
  return kind === undefined ? mappingSummary(m) : `${kind} ${mappingSummary(m)}`;
}
