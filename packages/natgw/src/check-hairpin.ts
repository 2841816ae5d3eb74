import type { Diagnostic } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import type { MappingScan } from './find-mappings.js';
import { ruleRef } from './rule-ref.js';
import { ruleSummary } from './rule-summary.js';

/**
 * `hairpin-missing`: the gateway has HAIRPIN_SNAT (v1.16+) but an EIP that a floating IP, DNAT or SNAT rule uses
 * has no hairpin rule, so a VM inside the VPC that connects to that EIP gets its reply from the internal
 * address and the connection fails (kube-ovn #5572). One diagnostic per EIP, naming the rules that use it.
 */
export function checkHairpin(nat: Table | null, scan: MappingScan): Diagnostic[] {
  if (!nat?.chainsByName.has('HAIRPIN_SNAT')) return [];
  const covered = new Set(scan.hairpin.map((h) => h.shape.eip));
  const users = new Map<string, Rule[]>();
  for (const item of [...scan.fipDnat, ...scan.fipSnat, ...scan.dnat, ...scan.snat]) {
    if (covered.has(item.shape.eip)) continue;
    const list = users.get(item.shape.eip);
    if (list) list.push(item.rule);
    else users.set(item.shape.eip, [item.rule]);
  }
  const out: Diagnostic[] = [];
  for (const [eip, rules] of users) {
    rules.sort((a, b) => a.line - b.line);
    const shown = rules
      .slice(0, 3)
      .map((r) => `${ruleSummary(r.decoded, scan.shapes.get(r) ?? null)} (line ${r.line})`)
      .join(', ');
    const more = rules.length > 3 ? ` and ${rules.length - 3} more` : '';
    out.push({
      code: 'hairpin-missing',
      severity: 'warning',
      message:
        `EIP ${eip} has no HAIRPIN_SNAT rule, though ${shown}${more} use${rules.length === 1 ? 's' : ''} it: a VM inside ` +
        `the VPC that connects to ${eip} gets the reply straight from the internal address, drops it, and the ` +
        `connection fails (kube-ovn #5572). eip-add writes the hairpin rule; re-create the IptablesEIP ${eip} or ` +
        `recreate the gateway pod so it is replayed.`,
      rules: rules.map(ruleRef),
    });
  }
  return out;
}
