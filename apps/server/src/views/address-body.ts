import { randomBytes } from 'node:crypto';
import { builtJson, type BuiltJson } from './built-json.js';
import { defaultPod, type Collector, type GatewayState } from '../collector/collector.js';
import type { Analysis } from '../analysis/analyse-dump.js';
import { sortAddresses } from '../analysis/summarize-report.js';

/** What a built body was made from: the gateways and the analysis each row shows, by identity. */
interface Built {
  version: number;
  gateways: readonly GatewayState[];
  analyses: (Analysis | null)[];
  response: BuiltJson;
}

/**
 * The GET /api/addresses body (AddressIndex): per gateway, the addresses of the reading its fleet row shows
 * (its default pod's last good one), in numeric order. Addresses change only when a gateway's rules do, and a
 * steady poll keeps each analysis object, so the body is rebuilt only when the gateway set or some row's
 * analysis changed, from JSON made (and sorted) once per analysis; its ETag changes exactly then, so a
 * revalidating client mostly gets a 304.
 */
export class AddressBody {
  private readonly fragments = new WeakMap<Analysis, string>();
  private readonly boot = randomBytes(4).toString('hex');
  private builds = 0;
  private current: Built | null = null;

  constructor(private readonly collector: Collector) {}

  /** The body as of now. */
  get(): BuiltJson {
    const c = this.current;
    if (c && c.version === this.collector.version) return c.response;
    const gateways = this.collector.list();
    const analyses = gateways.map((gw) => defaultPod(gw)?.good?.analysis ?? null);
    if (c && sameItems(c.gateways, gateways) && sameItems(c.analyses, analyses)) {
      c.version = this.collector.version;
      return c.response;
    }
    const parts = gateways.map((gw, i) => {
      const names = JSON.stringify({ namespace: gw.namespace, name: gw.name });
      return `${names.slice(0, -1)},"addresses":${this.addressesJson(analyses[i] ?? null)}}`;
    });
    const response = builtJson(`{"gateways":[${parts.join(',')}]}`, `"a-${this.boot}-${++this.builds}"`);
    this.current = { version: this.collector.version, gateways, analyses, response };
    return response;
  }

  private addressesJson(analysis: Analysis | null): string {
    if (!analysis) return '[]';
    let json = this.fragments.get(analysis);
    if (json === undefined) {
      json = JSON.stringify(sortAddresses(analysis.addresses));
      this.fragments.set(analysis, json);
    }
    return json;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
