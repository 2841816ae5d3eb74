import type { Check } from './check.js';
import type { Diagnostic } from '@natscope/api';
import type { Rule } from '@natscope/iptables';
import type { FipHalves } from '../mappings/find-mappings.js';
import { ruleLabel, ruleRef } from '../mappings/rule-ref.js';

function lines(rules: Rule[]): string {
  return rules.map((r) => r.line).join(', ');
}

function index(fips: FipHalves[], key: (f: FipHalves) => string, half: 'dnat' | 'snat'): Map<string, FipHalves[]> {
  const map = new Map<string, FipHalves[]>();
  for (const fip of fips) {
    if (fip[half].length === 0) continue;
    const k = key(fip);
    const list = map.get(k);
    if (list) list.push(fip);
    else map.set(k, [fip]);
  }
  return map;
}

/**
 * `fip-asymmetric`, both ways: a floating IP's EXCLUSIVE_DNAT half (EIP → IP) without the EXCLUSIVE_SNAT half
 * (IP → same EIP), or the reverse. Seen after a half-finished delete (kube-ovn #5115, #6412) or a re-pointed
 * floating IP. The message names what the other direction does instead when another half explains it.
 * Linear: the halves come grouped from `findMappings`; the lookups for explanations are built only when needed.
 */
export const checkFipSymmetry: Check = ({ scan }) => {
  const lone = scan.fips.filter((f) => f.dnat.length === 0 || f.snat.length === 0);
  if (lone.length === 0) return [];
  const snatByIp = index(scan.fips, (f) => f.mapping.internalIp, 'snat');
  const dnatByEip = index(scan.fips, (f) => f.mapping.eip, 'dnat');
  const out: Diagnostic[] = [];
  for (const fip of lone) {
    const { eip, internalIp } = fip.mapping;
    if (fip.snat.length === 0) {
      const other = snatByIp.get(internalIp) ?? [];
      const otherRules = other.flatMap((f) => f.snat);
      const instead = other.length
        ? `it leaves as ${other[0]!.mapping.eip} instead (EXCLUSIVE_SNAT line ${lines(otherRules)})`
        : 'it leaves through SHARED_SNAT with a shared EIP, or untranslated';
      out.push({
        code: 'fip-asymmetric',
        severity: 'error',
        message:
          `Floating IP ${eip} → ${internalIp} is half configured: ${ruleLabel(fip.dnat[0]!)} sends inbound traffic for ${eip} ` +
          `to ${internalIp}, but EXCLUSIVE_SNAT has no -s ${internalIp}/32 → ${eip}. Traffic that ${internalIp} starts does ` +
          `not leave as ${eip}: ${instead}, so peers that allow-list ${eip} reject it. Delete and re-create the ` +
          `IptablesFIPRule for ${eip} so both halves are written.`,
        rules: [...fip.dnat, ...otherRules].map(ruleRef),
      });
    } else {
      const other = dnatByEip.get(eip) ?? [];
      const otherRules = other.flatMap((f) => f.dnat);
      const instead = other.length
        ? `new connections to ${eip} go to ${other[0]!.mapping.internalIp} instead (EXCLUSIVE_DNAT line ${lines(otherRules)})`
        : `new connections to ${eip} are not forwarded to ${internalIp} at all`;
      out.push({
        code: 'fip-asymmetric',
        severity: 'error',
        message:
          `Floating IP ${eip} ⇄ ${internalIp} is half configured: ${ruleLabel(fip.snat[0]!)} makes everything ${internalIp} ` +
          `sends leave as ${eip}, but EXCLUSIVE_DNAT has no -d ${eip}/32 → ${internalIp}: ${instead}. ` +
          `Delete and re-create the IptablesFIPRule for ${eip} so both halves are written.`,
        rules: [...fip.snat, ...otherRules].map(ruleRef),
      });
    }
  }
  return out;
};
