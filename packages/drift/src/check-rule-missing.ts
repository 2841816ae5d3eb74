import { type DriftCheck, finding } from './drift-check.js';

/**
 * `rule-missing`: a ready object whose rule (or half of a floating IP's, or its EIP's hairpin rule) is not in the
 * gateway. The controller thinks it is done, so the message says how to have the rules replayed.
 */
export const checkRuleMissing: DriftCheck = (ctx) =>
  ctx.verdicts('rule-missing').map((v) => {
    const { at, row } = v;
    const { lost, fix } = ctx;
    const retry = `${lost} The controller thinks this is done and does not retry by itself. ${fix}`;
    let message: string;
    switch (v.what) {
      case 'hairpin':
        message = `IptablesEIP ${row.name} (${v.eip}) is ready, but HAIRPIN_SNAT has no rule for it: VPC clients that reach a floating IP or port forward on ${v.eip} by that address get no reply (hairpin, #5572).${lost} eip-add writes this rule. ${fix}`;
        break;
      case 'fip':
        message = `IptablesFIPRule ${row.name} is ready and wants ${v.eip} ⇄ ${v.internalIp}, but the gateway has no EXCLUSIVE_DNAT or EXCLUSIVE_SNAT rule for ${v.eip}: connections to ${v.eip} are not forwarded to ${v.internalIp}, and ${v.internalIp} does not go out as ${v.eip}.${retry}`;
        break;
      case 'fip-half': {
        const name = `IptablesFIPRule ${row.name}`;
        const there = ctx.words.rules(v.refs);
        message = v.inbound
          ? `${name} wants ${v.eip} ⇄ ${v.internalIp}, but only its inbound half is there (${there}): EXCLUSIVE_SNAT -s ${v.internalIp} → ${v.eip} is missing, so replies and new connections from ${v.internalIp} leave with another address (a floating-ip-add or -del cut short). ${fix}`
          : `${name} wants ${v.eip} ⇄ ${v.internalIp}, but only its outbound half is there (${there}): EXCLUSIVE_DNAT -d ${v.eip} → ${v.internalIp} is missing, so connections to ${v.eip} do not reach ${v.internalIp} (a floating-ip-add or -del cut short). ${fix}`;
        break;
      }
      case 'dnat': {
        const forward = `${v.protocol} ${v.eip}:${v.externalPort}`;
        message = `IptablesDnatRule ${row.name} is ready and wants ${forward} → ${v.internalIp}:${v.internalPort}, but SHARED_DNAT has no rule for ${forward}: connections to that port are not forwarded.${retry}`;
        break;
      }
      case 'snat':
        message = `IptablesSnatRule ${row.name} is ready and wants ${v.cidr} to leave as ${v.eip}, but SHARED_SNAT has no rule for it: traffic from ${v.cidr} leaves with another address, or untranslated and unanswered.${retry}`;
        break;
    }
    return finding(at, row, 'rule-missing', 'error', message, v.eip, v.what === 'fip-half' ? v.refs : []);
  });
