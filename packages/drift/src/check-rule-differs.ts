import { type DriftCheck, finding } from './drift-check.js';

/**
 * `rule-differs`: the object's identity (FIP: EIP; DNAT: EIP, protocol, port; SNAT: EIP, CIDR) has a rule that
 * translates elsewhere. When its status still names the old target, the controller has not applied the change.
 */
export const checkRuleDiffers: DriftCheck = (ctx) =>
  ctx.verdicts('rule-differs').map((v) => {
    const { at, row, eip, refs } = v;
    const rules = ctx.words.rules(refs);
    let message: string;
    switch (v.what) {
      case 'fip': {
        const { internalIp, statusIp, others } = v;
        const actual = [...new Set(others.map((m) => m.internalIp))].join(', ');
        const why =
          statusIp !== null && others.some((m) => m.internalIp === statusIp)
            ? ` Its status still says ${statusIp}: the controller has not applied the change (#2540, #6412).`
            : statusIp === internalIp
              ? ` Its status says ${internalIp} was programmed: up to v1.15 floating-ip-add reports success when the EIP is already mapped, so the change never reached the pod (F5).`
              : '';
        message = `IptablesFIPRule ${row.name} wants ${eip} ⇄ ${internalIp}, but the gateway maps ${eip} ⇄ ${actual} (${rules}): connections to ${eip} reach ${actual}, not ${internalIp}.${why} ${ctx.fix}`;
        break;
      }
      case 'dnat': {
        const { protocol, externalPort, statusIp, statusPort, others } = v;
        const actual = [...new Set(others.map((m) => `${m.internalIp}:${m.internalPort}`))].join(', ');
        const why = others.some((m) => m.internalIp === statusIp && m.internalPort === statusPort)
          ? ` Its status still says ${statusIp}:${statusPort}: the controller has not applied the change (#6412).`
          : '';
        const want = `${protocol} ${eip}:${externalPort} → ${v.internalIp}:${v.internalPort}`;
        message = `IptablesDnatRule ${row.name} wants ${want}, but ${rules} sends ${protocol} ${eip}:${externalPort} to ${actual}: connections reach ${actual} instead.${why} ${ctx.fix}`;
        break;
      }
      case 'snat': {
        const { cidr, v4ip, others } = v;
        const actual = [...new Set(others.map((m) => m.eip))].join(', ');
        const why =
          v4ip !== null && others.some((m) => m.eip === v4ip)
            ? ` Its status still says ${v4ip}: the controller has not applied the change (#6412).`
            : '';
        message = `IptablesSnatRule ${row.name} wants ${cidr} to leave as ${eip}, but ${rules} translates it to ${actual}: traffic from ${cidr} leaves as ${actual}, not ${eip} (an allow-list that expects ${eip} drops it).${why} ${ctx.fix}`;
        break;
      }
    }
    return finding(at, row, 'rule-differs', 'error', message, eip, refs);
  });
