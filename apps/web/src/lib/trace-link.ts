/**
 * A packet trace as part of the gateway page's link: `?src=203.0.113.7&dst=192.168.100.12&dport=2222&in=net1`,
 * so a trace can be shared and survives a reload. The names are the CLI's flags; the API takes TraceRequest's.
 */
import { TraceRequest } from '@natscope/api';

/** The trace form's fields as text, '' for a field left empty. */
export interface TraceFields {
  src: string;
  dst: string;
  protocol: string;
  sport: string;
  dport: string;
  inInterface: string;
  outInterface: string;
  mark: string;
}

/** Each field's name in the page's query string (short, as the CLI's flags). */
const LINK_NAME: Record<keyof TraceFields, string> = {
  src: 'src',
  dst: 'dst',
  protocol: 'proto',
  sport: 'sport',
  dport: 'dport',
  inInterface: 'in',
  outInterface: 'out',
  mark: 'mark',
};
const FIELDS = Object.keys(LINK_NAME) as (keyof TraceFields)[];

/** A form with nothing filled in but the defaults the API would apply anyway. */
export const EMPTY_TRACE: TraceFields = {
  src: '',
  dst: '',
  protocol: 'tcp',
  sport: '',
  dport: '',
  inInterface: 'net1',
  outInterface: '',
  mark: '',
};

/** The trace named by the page's query string, or null when it names none (no `src` and no `dst`). */
export function readTraceLink(search: URLSearchParams): TraceFields | null {
  if (!search.get('src') && !search.get('dst')) return null;
  const fields = { ...EMPTY_TRACE };
  for (const field of FIELDS) {
    const value = search.get(LINK_NAME[field]);
    if (value !== null) fields[field] = value.slice(0, 64); // nothing valid is longer; keeps hostile links small
  }
  return fields;
}

/** Writes the trace into the page's query string, leaving out empty fields and defaults. */
export function writeTraceLink(search: URLSearchParams, fields: TraceFields | null): void {
  if (!fields) return;
  for (const field of FIELDS) {
    const value = fields[field].trim();
    if (value !== '' && value !== (field === 'protocol' || field === 'inInterface' ? EMPTY_TRACE[field] : ''))
      search.set(LINK_NAME[field], value);
  }
}

/** The trace as the API's query string (TraceRequest's field names), empty fields left out. */
export function traceApiQuery(fields: TraceFields): string {
  const search = new URLSearchParams();
  for (const field of FIELDS) {
    const value = fields[field].trim();
    if (value !== '') search.set(field, value);
  }
  return search.toString();
}

/** Checks the fields as the server will, so the form can say what is wrong before asking: a list of problems, empty when fine. */
export function traceProblems(fields: TraceFields): string[] {
  const problems: string[] = [];
  for (const field of ['sport', 'dport'] as const) {
    const value = fields[field].trim();
    if (value !== '' && !/^\d{1,5}$/.test(value))
      problems.push(`${field === 'sport' ? 'Source' : 'Destination'} port must be a number from 0 to 65535.`);
  }
  const raw = Object.fromEntries(FIELDS.map((f) => [f, fields[f].trim() === '' ? undefined : fields[f].trim()]));
  const parsed = TraceRequest.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as keyof TraceFields;
      if (field === 'sport' || field === 'dport') continue; // said above, in plainer words
      problems.push(PROBLEM[field] ?? `${field}: ${issue.message}`);
    }
  }
  return [...new Set(problems)];
}

const PROBLEM: Partial<Record<keyof TraceFields, string>> = {
  src: 'Source must be an IPv4 address, like 203.0.113.7.',
  dst: 'Destination must be an IPv4 address, like 192.168.100.12.',
  protocol: 'Protocol must be tcp, udp or icmp.',
  inInterface: 'Arriving interface must be an interface name, like net1 or eth0.',
  outInterface: 'Leaving interface must be an interface name, like eth0, or empty to infer it.',
  mark: 'Mark must be a number like 0x1 or 1 that fits in 32 bits.',
};
