/**
 * A few words for one diagnostic code, for a headline a person reads at a glance (the fleet row, the CLI's
 * first lines): `one` for a single diagnostic, `many(n)` for n of them. A code whose diagnostic is one per dump
 * (the gateway is not initialised, the wrong tables were read) has no `many`: its count says nothing.
 */
interface Phrase {
  one: string;
  many?: (n: number) => string;
}

/** One entry per code the checks in this folder write; a test over the fixture corpus keeps the two in step. */
const PHRASES: ReadonlyMap<string, Phrase> = new Map(
  Object.entries({
    'gateway-not-initialized': { one: 'not initialised' },
    'legacy-tables-present': { one: 'wrong iptables backend read' },
    'fip-asymmetric': { one: 'half a floating IP', many: (n: number) => `${n} floating IPs half configured` },
    'fip-shadows-dnat': {
      one: 'port forward hidden by a floating IP',
      many: (n: number) => `${n} port forwards hidden by floating IPs`,
    },
    'rule-shadowed': { one: 'rule shadowed', many: (n: number) => `${n} rules shadowed` },
    'duplicate-rule': { one: 'duplicate rule', many: (n: number) => `${n} duplicate rules` },
    'snat-without-random-fully': {
      one: 'SNAT without --random-fully',
      many: (n: number) => `${n} SNAT rules without --random-fully`,
    },
    'snat-without-out-interface': { one: 'SNAT without -o', many: (n: number) => `${n} SNAT rules without -o` },
    'hairpin-missing': { one: 'EIP without hairpin', many: (n: number) => `${n} EIPs without hairpin` },
    'non-utf8-text': {
      one: 'text not UTF-8, shown escaped',
      many: (n: number) => `${n} lines not UTF-8, shown escaped`,
    },
  } satisfies Record<string, Phrase>),
);

/**
 * `count` diagnostics of `code` in short words: `rule shadowed`, `2 rules shadowed`, `not initialised`. A code
 * this version does not know (a report from a newer natscope) is named as it is, with its count.
 */
export function diagnosticPhrase(code: string, count = 1): string {
  const phrase = PHRASES.get(code);
  if (!phrase) return count > 1 ? `${code} ×${count}` : code;
  return count > 1 && phrase.many ? phrase.many(count) : phrase.one;
}
