import type { Check } from './check.js';
import type { Diagnostic, Mapping, RuleRef } from '@natscope/api';
import { mappingSummary } from '../mappings/mapping-phrase.js';

const KIND: ReadonlyMap<Mapping['kind'], string> = new Map([
  ['fip', 'the floating IP'],
  ['dnat', 'the port forward'],
  ['snat', 'the SNAT'],
]);

/**
 * `hairpin-missing`: the gateway has HAIRPIN_SNAT (v1.16+) but an EIP that a floating IP, DNAT or SNAT rule uses
 * has no hairpin rule, so a VM inside the VPC that connects to that EIP gets its reply from the internal
 * address and the connection fails (kube-ovn #5572). One diagnostic per EIP, naming the rules that use it.
 * Linear in the number of mappings.
 */
export const checkHairpin: Check = ({ nat, scan }) => {
  if (!nat?.chainsByName.has('HAIRPIN_SNAT')) return [];
  const covered = new Set<string>();
  for (const m of scan.mappings) if (m.kind === 'hairpin') covered.add(m.eip);
  const users = new Map<string, Mapping[]>();
  for (const m of scan.mappings) {
    if (m.kind === 'hairpin' || covered.has(m.eip)) continue;
    const list = users.get(m.eip);
    if (list) list.push(m);
    else users.set(m.eip, [m]);
  }
  const out: Diagnostic[] = [];
  for (const [eip, mappings] of users) {
    const rules: RuleRef[] = mappings.flatMap((m) => m.rules).sort((a, b) => a.line - b.line);
    const shown = mappings
      .slice(0, 3)
      .map(
        (m) =>
          `${KIND.get(m.kind) ?? ''} ${mappingSummary(m)} (line${m.rules.length === 1 ? '' : 's'} ${m.rules.map((r) => r.line).join(', ')})`,
      )
      .join(', ');
    const more = mappings.length > 3 ? ` and ${mappings.length - 3} more` : '';
    out.push({
      code: 'hairpin-missing',
      severity: 'warning',
      message:
        `EIP ${eip} has no HAIRPIN_SNAT rule, though ${shown}${more} use${mappings.length === 1 ? 's' : ''} it: a VM inside ` +
        `the VPC that connects to ${eip} gets the reply straight from the internal address, drops it, and the ` +
        `connection fails (kube-ovn #5572). eip-add writes the hairpin rule; re-create the IptablesEIP ${eip} or ` +
        `recreate the gateway pod so it is replayed.`,
      rules,
    });
  }
  return out;
};
