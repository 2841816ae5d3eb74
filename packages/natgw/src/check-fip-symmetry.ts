import type { Diagnostic } from '@natscope/api';
import type { Rule } from '@natscope/iptables';
import type { MappingScan } from './find-mappings.js';
import { ruleLabel, ruleRef } from './rule-ref.js';

type Half = MappingScan['fipDnat'][number] | MappingScan['fipSnat'][number];

function lines(rules: Rule[]): string {
  return rules.map((r) => r.line).join(', ');
}

function byKey<T extends Half>(halves: T[], keyOf: (h: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const half of halves) {
    const key = keyOf(half);
    const list = map.get(key);
    if (list) list.push(half);
    else map.set(key, [half]);
  }
  return map;
}

/**
 * `fip-asymmetric`, both ways: a floating IP's EXCLUSIVE_DNAT half (EIP → IP) without the EXCLUSIVE_SNAT half
 * (IP → same EIP), or the reverse. Seen after a half-finished delete (kube-ovn #5115, #6412) or a re-pointed
 * floating IP. The message names what the other direction does instead when another half explains it.
 * Linear: halves are grouped by key and looked up by EIP and internal IP.
 */
export function checkFipSymmetry(scan: MappingScan): Diagnostic[] {
  const pair = (h: Half) => `${h.shape.eip} ${h.shape.internalIp}`;
  const dnat = byKey(scan.fipDnat, pair);
  const snat = byKey(scan.fipSnat, pair);
  const snatByIp = byKey(scan.fipSnat, (h) => h.shape.internalIp);
  const dnatByEip = byKey(scan.fipDnat, (h) => h.shape.eip);
  const out: Diagnostic[] = [];

  for (const [key, halves] of dnat) {
    if (snat.has(key)) continue;
    const { eip, internalIp } = halves[0]!.shape;
    const rules = halves.map((h) => h.rule);
    const other = snatByIp.get(internalIp) ?? [];
    const instead = other.length
      ? `it leaves as ${other[0]!.shape.eip} instead (EXCLUSIVE_SNAT line ${lines(other.map((h) => h.rule))})`
      : 'it leaves through SHARED_SNAT with a shared EIP, or untranslated';
    out.push({
      code: 'fip-asymmetric',
      severity: 'error',
      message:
        `Floating IP ${eip} → ${internalIp} is half configured: ${ruleLabel(rules[0]!)} sends inbound traffic for ${eip} ` +
        `to ${internalIp}, but EXCLUSIVE_SNAT has no -s ${internalIp}/32 → ${eip}. Traffic that ${internalIp} starts does ` +
        `not leave as ${eip}: ${instead}, so peers that allow-list ${eip} reject it. Delete and re-create the ` +
        `IptablesFIPRule for ${eip} so both halves are written.`,
      rules: [...rules, ...other.map((h) => h.rule)].map(ruleRef),
    });
  }
  for (const [key, halves] of snat) {
    if (dnat.has(key)) continue;
    const { eip, internalIp } = halves[0]!.shape;
    const rules = halves.map((h) => h.rule);
    const other = dnatByEip.get(eip) ?? [];
    const instead = other.length
      ? `new connections to ${eip} go to ${other[0]!.shape.internalIp} instead (EXCLUSIVE_DNAT line ${lines(other.map((h) => h.rule))})`
      : `new connections to ${eip} are not forwarded to ${internalIp} at all`;
    out.push({
      code: 'fip-asymmetric',
      severity: 'error',
      message:
        `Floating IP ${eip} ⇄ ${internalIp} is half configured: ${ruleLabel(rules[0]!)} makes everything ${internalIp} ` +
        `sends leave as ${eip}, but EXCLUSIVE_DNAT has no -d ${eip}/32 → ${internalIp}: ${instead}. ` +
        `Delete and re-create the IptablesFIPRule for ${eip} so both halves are written.`,
      rules: [...rules, ...other.map((h) => h.rule)].map(ruleRef),
    });
  }
  return out;
}
