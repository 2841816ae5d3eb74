import { type DriftCheck, finding } from './drift-check.js';

/**
 * `eip-unresolved`: a FIP, DNAT or SNAT whose EIP gives it no address on this gateway (missing, another gateway's,
 * no gateway's, not allocated). Its last programmed rule may still be in the pod: the message says so.
 */
export const checkEipUnresolved: DriftCheck = (ctx) =>
  ctx.verdicts('eip-unresolved').map(({ at, row, kind, eipName: name, problem, refs, leftEip }) => {
    const gw = ctx.gateway;
    const get = ctx.words.get(kind, row.name);
    let message = '';
    switch (problem.kind) {
      case 'missing':
        message = name
          ? `${kind} ${row.name} names EIP ${name}, which does not exist: the controller cannot program it, so nothing on ${gw} translates for it. Create the IptablesEIP or correct spec.eip (${get}).`
          : `${kind} ${row.name} has no spec.eip: the controller cannot program it. Set spec.eip to an IptablesEIP of ${gw} (${get}).`;
        break;
      case 'other-gateway':
        message = `${kind} ${row.name} says it belongs to ${gw} (label or status.natGwDp), but its EIP ${name} belongs to ${problem.owner} (spec.natGwDp): the controller programs it on ${problem.owner}'s pod, not on ${gw}. If it should be on ${gw}, point spec.eip at an EIP of ${gw} (${get}).`;
        break;
      case 'no-gateway':
        message = `${kind} ${row.name} names EIP ${name}, which names no gateway (spec.natGwDp is empty): no gateway programs it. See kubectl get iptables-eips ${name} -o yaml.`;
        break;
      case 'no-address':
        message = `${kind} ${row.name} names EIP ${name}, which has no address yet (status.ip is empty): the controller programs NAT rules only once the EIP is allocated, so nothing on ${gw} translates for it. See kubectl get iptables-eips ${name} -o yaml.`;
        break;
    }
    if (refs.length)
      message += ` Its last programmed rule is still in the pod (${ctx.words.rules(refs)}) and still translates for ${leftEip}. ${ctx.fix}`;
    return finding(at, row, 'eip-unresolved', 'error', message, leftEip, refs);
  });
