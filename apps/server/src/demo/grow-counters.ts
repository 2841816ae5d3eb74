/** A line of a dump that carries counters, split so the numbers can be replaced. */
interface CounterLine {
  before: string; // text up to and including '['
  packets: number;
  bytes: number;
  after: string; // from ']' to the end of the line, line ending included
  /** Connections per second this line gains; 0 for lines that never counted anything. */
  rate: number;
  bytesPerPacket: number;
}

type Segment = string | CounterLine;

/** Matches `[p:b] -A …` rule lines and `:CHAIN POLICY [p:b]` chain lines. */
const RULE = /^(\[)(\d+):(\d+)(\].*)$/s;
const CHAIN = /^(:\S+ \S+ \[)(\d+):(\d+)(\].*)$/s;

/**
 * Makes a fixture dump look alive: `at(seconds)` returns the dump with every counter that was already
 * non-zero grown by a steady, per-line rate. Lines at zero stay at zero, so a shadowed rule (which can never
 * match) keeps showing no traffic and the demo never contradicts its own diagnostics.
 */
export class GrowingCounters {
  private readonly segments: Segment[] = [];

  constructor(dump: string) {
    let text = '';
    let salt = 0;
    for (const line of dump.split(/(?<=\n)/)) {
      const m = RULE.exec(line) ?? CHAIN.exec(line);
      if (!m) {
        text += line;
        continue;
      }
      if (text) this.segments.push(text);
      text = '';
      const packets = Number(m[2]);
      const bytes = Number(m[3]);
      salt++;
      this.segments.push({
        before: m[1] ?? '',
        packets,
        bytes,
        after: m[4] ?? '',
        rate: packets > 0 ? 0.5 + (hash(line + salt) % 400) / 10 : 0,
        bytesPerPacket: packets > 0 ? Math.max(40, Math.round(bytes / packets)) : 0,
      });
    }
    if (text) this.segments.push(text);
  }

  /** The dump as it reads `seconds` after the fixture was taken. */
  at(seconds: number): string {
    let out = '';
    for (const s of this.segments) {
      if (typeof s === 'string') {
        out += s;
        continue;
      }
      const grown = Math.floor(s.rate * Math.max(0, seconds));
      out += `${s.before}${s.packets + grown}:${s.bytes + grown * s.bytesPerPacket}${s.after}`;
    }
    return out;
  }
}

/** FNV-1a: a small, stable hash so each line gets its own rate, the same on every start. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
