/**
 * Targets by what they do to a packet's walk, for coverage (what makes a later rule unreachable), the trace
 * (what to simulate) and the web alike. Target names come from the input: these are Sets, never objects.
 */

/** NAT verdicts: they rewrite an address or port and end the nat table's walk for this hook. */
export const NAT_TARGETS: ReadonlySet<string> = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP']);

/** Targets that change the packet or connection mark and let the packet go on. */
export const MARK_TARGETS: ReadonlySet<string> = new Set(['MARK', 'CONNMARK']);

/**
 * Verdicts that end the packet's walk through this chain. A jump to a user chain may RETURN, and LOG or MARK
 * let the packet go on, so neither can make a later rule unreachable.
 */
export const TERMINAL_TARGETS: ReadonlySet<string> = new Set([...NAT_TARGETS, 'ACCEPT', 'DROP', 'REJECT', 'RETURN']);

/** Targets that leave the packet in the chain and change nothing a later match reads (they log or trace). */
export const PASSIVE_TARGETS: ReadonlySet<string> = new Set(['LOG', 'NFLOG', 'ULOG', 'TRACE', 'AUDIT']);

/**
 * Targets the packet goes on past: the passive ones, and those that rewrite what no match here reads (TTL, TOS,
 * MSS, checksums, classes, security marks). The trace simulates them as "does not stop the packet".
 */
export const PASS_THROUGH_TARGETS: ReadonlySet<string> = new Set([
  ...PASSIVE_TARGETS,
  'CHECKSUM',
  'TCPMSS',
  'TOS',
  'DSCP',
  'TTL',
  'CLASSIFY',
  'SECMARK',
  'CONNSECMARK',
  'IDLETIMER',
  'LED',
  'RATEEST',
  'TEE',
  'TPROXY_MARK',
]);
