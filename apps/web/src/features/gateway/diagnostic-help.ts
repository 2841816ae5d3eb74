import type { DiagnosticCode } from '@natscope/api';

/** What each diagnostic means for traffic, in a sentence or two (the diagnostic's own message names the specifics). */
export const DIAGNOSTIC_HELP: Record<DiagnosticCode, string> = {
  'gateway-not-initialized':
    'The nat table lacks chains or jumps that the gateway init creates, usually after a pod restart that Kube-OVN did not re-initialise. EIPs on this gateway do not translate until init runs again.',
  'legacy-tables-present':
    'iptables-nft reported that legacy tables exist. The gateway script prefers iptables-legacy, so the rules shown here may not be the rules in force.',
  'fip-asymmetric':
    'A floating IP has only one of its two halves (DNAT in, SNAT out). Traffic in one direction is translated and the other is not, so connections break in a way that looks like packet loss.',
  'fip-shadows-dnat':
    'EXCLUSIVE_DNAT runs before SHARED_DNAT: a floating IP on the same EIP takes every packet first, so this port forward never matches.',
  'rule-shadowed':
    'An earlier terminal rule in the same chain matches every packet this rule would match, so this rule is never reached. Reorder or remove one of them.',
  'duplicate-rule':
    'The same rule appears twice in the chain; the repeat never matches. Kube-OVN deletes only one copy, so the repeat may outlive its resource.',
  'snat-without-random-fully':
    'This SNAT rule lacks --random-fully; under many parallel connections source-port allocation can collide and drop new connections.',
  'snat-without-out-interface':
    'This SNAT rule has no -o match, so it also rewrites traffic going back into the VPC, not just traffic leaving by the external interface.',
  'hairpin-missing':
    'HAIRPIN_SNAT exists but this EIP has no hairpin rule: a VPC client reaching a service through its EIP gets replies from the wrong address and the connection fails.',
  'non-utf8-text':
    'iptables keeps whatever bytes a comment or chain name was given. These are not UTF-8, so they are shown escaped (caf\\xe9); the raw dump and raw.txt keep the bytes themselves. Nothing is wrong with the traffic.',
};
