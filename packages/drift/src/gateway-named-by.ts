/**
 * The gateway a dump's file is named after, if it is one of `present`: a dump saved as its pod is called
 * (`vpc-nat-gw-<gateway>-<n>`, what `kubectl exec … > vpc-nat-gw-gw1-0.txt` leaves) says which gateway of a
 * multi-gateway objects file it is from. The longest name wins, since gateway names may hold dashes (`gw` and `gw-b`).
 */
export function gatewayNamedBy(fileName: string, present: readonly string[]): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  let best: string | null = null;
  for (const name of present) {
    if (!new RegExp(`(^|[^a-z0-9-])vpc-nat-gw-${escape(name)}-\\d+($|[^a-z0-9-])`).test(base)) continue;
    if (best === null || name.length > best.length) best = name;
  }
  return best;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
