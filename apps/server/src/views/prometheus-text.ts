const SPECIAL = /[\\"\n]/;

/** Escapes a label value as the Prometheus text format requires: backslash, double quote and newline. */
function escapeLabelValue(value: string): string {
  // Addresses, kinds, ports and names almost never need it: one test instead of three replaces per value.
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name="value",…` for a set of labels, values escaped (no braces, so label texts can be joined). */
export function labelText(labels: Readonly<Record<string, string>>): string {
  let text = '';
  for (const name in labels) text += `${text === '' ? '' : ','}${name}="${escapeLabelValue(labels[name] ?? '')}"`;
  return text;
}
