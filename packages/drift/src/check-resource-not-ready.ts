import { type DriftCheck, finding } from './drift-check.js';

/**
 * `resource-not-ready`: the controller has not programmed the object (or has not allocated the EIP), so its rule is
 * not expected yet, and the rules that match it are not orphans. The message quotes why, as far as the object says.
 */
export const checkResourceNotReady: DriftCheck = (ctx) =>
  ctx.verdicts('resource-not-ready').map((v) => {
    const { at, row } = v;
    if (v.what === 'no-address') {
      const message = `IptablesEIP ${row.name} has no address (status.ip and spec.v4ip are empty): the controller has not allocated it, so no FIP, DNAT or SNAT on it can be programmed. Its log says why: ${ctx.words.logs(row.name)}.`;
      return finding(at, row, 'resource-not-ready', 'warning', message, null, []);
    }
    const { kind, ready, eip, tolerated, changed } = v;
    const one = tolerated.length === 1;
    const kept = tolerated.length
      ? `, and ${one ? 'the rule that matches it' : 'the rules that match it'} (${ctx.words.rules(tolerated)}) ${one ? 'is' : 'are'} not counted as orphaned`
      : '';
    const message = `${kind} ${row.name} is not ready: ${ready.why}.${changed} Its rule is not expected yet${kept}. The controller writes no reason into the object; its log says why: ${ctx.words.logs(row.name)}. The object: ${ctx.words.get(kind, row.name)}.`;
    return finding(at, row, 'resource-not-ready', 'warning', message, eip, tolerated);
  });
