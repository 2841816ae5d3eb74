/**
 * Match modules by what the analysis can say about them. Module names come from the input, so these are Sets
 * (a name like `__proto__` finds nothing).
 */

/** Modules of port-bearing protocols: each takes `--sport`/`--dport`, and `-p` loads it implicitly. */
export const PORT_PROTOCOL_MODULES: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite']);

/**
 * Modules that restrict nothing when written without options (`-p tcp -m tcp`, `-m multiport` alone never
 * appears): every option they have is judged on its own. Any other module without options restricts something
 * no reader models (`-m addrtype` alone).
 */
export const OPTIONLESS_MODULES: ReadonlySet<string> = new Set([...PORT_PROTOCOL_MODULES, 'icmp', 'comment']);

/** Modules whose options read plainly by name and value (`--dport 22` → `dport 22`); their name adds nothing. */
export const PLAIN_MODULES: ReadonlySet<string> = new Set([
  ...PORT_PROTOCOL_MODULES,
  'multiport',
  'mark',
  'conntrack',
  'state',
  'icmp',
]);
