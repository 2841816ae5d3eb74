import { randomBytes } from 'node:crypto';
import type { GatewayList } from '@natscope/api';
import { builtJson, type BuiltJson } from './built-json.js';
import type { Collector, GatewayState } from '../collector/collector.js';
import type { DriftSource } from './drift-source.js';
import { NO_RULE_CHANGES, type RuleChanges } from '../history/rule-changes.js';
import { gatewaySummary } from './gateway-summary.js';

/** One gateway's summary as JSON, split around its ageSeconds value, which is the only part that moves by itself. */
interface Fragment {
  version: number;
  before: string;
  after: string;
  /** collectedAt in ms, or null before the first good reading. */
  at: number | null;
}

/** Rebuilds no more often than this while a refresh changes the collector, so a busy pass costs a few builds. */
const MIN_REBUILD_MS = 250;
const AGE = '"ageSeconds":';

/**
 * The /api/gateways body, built from per-gateway JSON fragments that are re-serialised only when that
 * gateway changed, and rebuilt at most every MIN_REBUILD_MS while the collector changes (and at each new
 * second, since ages count whole seconds). Many clients polling a 200-gateway fleet then cost one join per
 * build instead of one serialisation per request.
 */
export class FleetBody {
  private readonly fragments = new WeakMap<GatewayState, Fragment>();
  private readonly boot = randomBytes(4).toString('hex');
  private builds = 0;
  private current: { version: number; second: number; builtAt: number; response: BuiltJson } | null = null;

  constructor(
    private readonly collector: Collector,
    private readonly meta: { source: GatewayList['source']; context: string },
    private readonly drift: DriftSource,
    private readonly changes: RuleChanges = NO_RULE_CHANGES,
  ) {}

  /** The body as of `now` (possibly up to MIN_REBUILD_MS behind the collector during a refresh). */
  get(now: number): BuiltJson {
    const second = Math.floor(now / 1000);
    const c = this.current;
    const fresh =
      c && c.second === second && (c.version === this.collector.version || now - c.builtAt < MIN_REBUILD_MS);
    if (c && fresh) return c.response;
    const response = this.build(now);
    this.current = { version: this.collector.version, second, builtAt: now, response };
    return response;
  }

  private build(now: number): BuiltJson {
    const parts: string[] = [];
    for (const gw of this.collector.list()) {
      const f = this.fragment(gw, now);
      parts.push(f.before + (f.at === null ? 'null' : String(Math.max(0, Math.floor((now - f.at) / 1000)))) + f.after);
    }
    const error = this.collector.fleetError ? `,"error":${JSON.stringify(this.collector.fleetError.toJSON())}` : '';
    const head = `{"source":${JSON.stringify(this.meta.source)},"context":${JSON.stringify(this.meta.context)},"gateways":[`;
    return builtJson(`${head}${parts.join(',')}]${error}}`, `"${this.boot}-${++this.builds}"`);
  }

  private fragment(gw: GatewayState, now: number): Fragment {
    const cached = this.fragments.get(gw);
    if (cached && cached.version === gw.version) return cached;
    const summary = gatewaySummary(gw, now, this.drift, this.changes);
    const json = JSON.stringify(summary);
    // A JSON string value escapes its quotes, so the first `"ageSeconds":` is the key itself.
    const start = json.indexOf(AGE) + AGE.length;
    const end = json.indexOf(',', start);
    const at = summary.collectedAt === null ? null : Date.parse(summary.collectedAt);
    const f = { version: gw.version, before: json.slice(0, start), after: json.slice(end), at };
    this.fragments.set(gw, f);
    return f;
  }
}
