/** The container of a Kube-OVN gateway pod that holds the NAT rules (HA pods also run `bfdd`, listed first). */
export const GATEWAY_CONTAINER = 'vpc-nat-gw';

const MARKER = '#natscope-backend=';

/**
 * The one command natscope runs in a gateway pod. It is a constant: nothing from a request, a pod or a
 * config ever becomes part of it.
 *
 * It picks the backend exactly as nat-gateway.sh does (reference §1.2): if `iptables-legacy -t nat -S INPUT 1`
 * succeeds the gateway programs legacy tables, so read them with iptables-legacy-save, else iptables-save.
 * That probe is the script's own, so it changes nothing the gateway does not already do (§7.5). The first
 * stdout line says which backend was read; nat then mangle follow with counters. stderr is left alone
 * because the "legacy tables present" warning lands there and is evidence.
 */
export const GATEWAY_COMMAND: readonly string[] = Object.freeze([
  'bash',
  '-c',
  'if iptables-legacy -t nat -S INPUT 1 >/dev/null 2>&1; then b=legacy; s=iptables-legacy-save; ' +
    'else b=nft; s=iptables-save; fi; ' +
    `echo "${MARKER}$b"; $s -c -t nat && $s -c -t mangle`,
]);

/** The gateway command's stdout split into the backend it chose and the iptables-save text. */
export interface GatewayOutput {
  /** Which save tool ran: 'legacy' (iptables-legacy-save) or 'nft' (iptables-save); null without a marker line. */
  backend: 'legacy' | 'nft' | null;
  /** Everything after the marker line: exactly what iptables-save printed. */
  dump: string;
}

/** Strips the `#natscope-backend=…` marker line that GATEWAY_COMMAND prints first. */
export function splitGatewayOutput(stdout: string): GatewayOutput {
  if (!stdout.startsWith(MARKER)) return { backend: null, dump: stdout };
  const eol = stdout.indexOf('\n');
  const line = (eol === -1 ? stdout : stdout.slice(0, eol)).slice(MARKER.length).trim();
  const dump = eol === -1 ? '' : stdout.slice(eol + 1);
  return { backend: line === 'legacy' ? 'legacy' : line === 'nft' ? 'nft' : null, dump };
}

/** The marker line for a backend, for fakes that answer GATEWAY_COMMAND (the demo, tests). */
export function backendMarker(backend: 'legacy' | 'nft'): string {
  return `${MARKER}${backend}\n`;
}
