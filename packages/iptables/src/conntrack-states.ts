/**
 * The conntrack states `-m conntrack --ctstate` and `-m state --state` take. iptables reads them case-insensitively
 * (`--ctstate new` is `NEW`) and prints them upper case, so every reader compares them upper-cased.
 */

/** Every state the kernel's conntrack match knows. */
export const CT_STATES: ReadonlySet<string> = new Set([
  'INVALID',
  'NEW',
  'ESTABLISHED',
  'RELATED',
  'UNTRACKED',
  'SNAT',
  'DNAT',
]);

/** The states of a `--ctstate` argument (`NEW,related`), upper-cased, in the order written. */
export function parseCtStates(arg: string): string[] {
  return arg.toUpperCase().split(',');
}
