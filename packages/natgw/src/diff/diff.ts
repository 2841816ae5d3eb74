import type { Diagnostic, DiffRule, Mapping, MappingChange, ReadingDiff } from '@natscope/api';
import { escapeNonUtf8 } from '@natscope/iptables';

/** The rules of a reading as the diff needs them: both a parsed `Dump` and a report's `tables` have this shape. */
export interface DiffTable {
  name: string;
  chains: readonly { name: string; rules: readonly { text: string; line: number }[] }[];
}

/**
 * What `diff` reads of one reading: its report's mappings and diagnostics, and its rules. Pass the parsed dump's
 * `tables` rather than the report's when you have them: a report builds its tables (summaries and all) on first
 * read, which a diff of 100,000 rules should not pay for.
 */
export interface DiffReading {
  mappings: readonly Mapping[];
  diagnostics: readonly Diagnostic[];
  tables: readonly DiffTable[];
}

interface Located {
  table: string;
  chain: string;
  text: string;
}

/**
 * Contract 6: what changed from `before` to `after`. Mappings are matched by their identity (fip: EIP; dnat: EIP,
 * protocol and external port; snat: EIP and CIDR; hairpin: EIP), so a floating IP moved to another VM is one change
 * and not a removal and an addition. Rules are compared as multisets of (table, chain, text without counters); a
 * chain holding the same rules in another order is `reordered`, since order decides which rule wins. Diagnostics
 * are matched by code and the texts of the rules they name (lines move when rules above them change). Counters
 * are never compared: traffic is not a change. Near-linear in the number of rules.
 */
export function diff(before: DiffReading, after: DiffReading): ReadingDiff {
  const rulesBefore = ruleIndex(before.tables, namedLines(before.diagnostics));
  const rulesAfter = ruleIndex(after.tables, namedLines(after.diagnostics));
  const rules = { added: surplus(rulesAfter, rulesBefore), removed: surplus(rulesBefore, rulesAfter) };
  return {
    mappings: diffMappings(before.mappings, after.mappings),
    rules,
    reordered: reorderedChains(rulesBefore, rulesAfter, rules),
    diagnostics: diffDiagnostics(before.diagnostics, rulesBefore.named, after.diagnostics, rulesAfter.named),
  };
}

function namedLines(diagnostics: readonly Diagnostic[]): Set<number> {
  const lines = new Set<number>();
  for (const d of diagnostics) for (const r of d.rules) lines.add(r.line);
  return lines;
}

/** The identity of a mapping: what makes two readings' mappings "the same one" (the diff's matching, exported for callers that follow one mapping across readings). */
export function mappingKey(m: Mapping): string {
  switch (m.kind) {
    case 'fip':
    case 'hairpin':
      return `${m.kind} ${m.eip}`;
    case 'dnat':
      return `dnat ${m.eip} ${m.protocol} ${m.externalPort}`;
    case 'snat':
      return `snat ${m.eip} ${m.internalCidr}`;
  }
}

/** Whether two mappings of one identity mean the same, leaving out their rules (their lines move) and counters (traffic). */
function sameMeaning(a: Mapping, b: Mapping): boolean {
  switch (a.kind) {
    case 'fip':
      return b.kind === 'fip' && a.internalIp === b.internalIp;
    case 'dnat':
      return b.kind === 'dnat' && a.internalIp === b.internalIp && a.internalPort === b.internalPort;
    case 'snat':
      return b.kind === 'snat' && a.randomFully === b.randomFully && a.outInterface === b.outInterface;
    case 'hairpin':
      return b.kind === 'hairpin';
  }
}

/** Items by key; a key's first item alone, later ones in an array (most keys have one: no array for them). */
function groupBy<T extends object>(items: readonly T[], key: (item: T) => string): Map<string, T | T[]> {
  const groups = new Map<string, T | T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, item);
    else if (Array.isArray(group)) group.push(item);
    else groups.set(k, [group, item]);
  }
  return groups;
}

const asList = <T>(group: T | T[] | undefined): T[] =>
  group === undefined ? [] : Array.isArray(group) ? group : [group];

function diffMappings(before: readonly Mapping[], after: readonly Mapping[]): ReadingDiff['mappings'] {
  const removed: Mapping[] = [];
  const changed: MappingChange[] = [];
  const afterByKey = groupBy(after, mappingKey);
  const matched = new Set<Mapping>();
  for (const [key, group] of groupBy(before, mappingKey)) {
    const found = afterByKey.get(key);
    // The common case: one mapping of this identity on each side.
    if (!Array.isArray(group) && found !== undefined && !Array.isArray(found)) {
      matched.add(found);
      if (!sameMeaning(group, found)) changed.push({ before: group, after: found });
      continue;
    }
    // Same meaning first (an EIP with two floating IPs where one moved), then pair what is left in order.
    const unmatchedNew = [...asList(found)];
    const unmatchedOld: Mapping[] = [];
    for (const old of asList(group)) {
      const same = unmatchedNew.findIndex((n) => sameMeaning(old, n));
      if (same === -1) unmatchedOld.push(old);
      else matched.add(unmatchedNew.splice(same, 1)[0] as Mapping);
    }
    unmatchedOld.forEach((old, i) => {
      const now = unmatchedNew[i];
      if (now === undefined) removed.push(old);
      else {
        matched.add(now);
        changed.push({ before: old, after: now });
      }
    });
  }
  return { added: after.filter((m) => !matched.has(m)), removed, changed };
}

/** Every rule of a reading once, in flat arrays (a 100,000-rule diff allocates no object per rule). */
interface RuleIndex {
  /** Per table, each rule text → the indexes of the rules with it (one index, or several in reading order). */
  byText: Map<string, Map<string, number | number[]>>;
  text: string[];
  line: number[];
  /** Index into `chainNames` of each rule's `table/chain`. */
  chain: number[];
  chainNames: { table: string; chain: string; key: string }[];
  /** `table/chain` → its rules' indexes in order. */
  chains: Map<string, number[]>;
  /** The rules on the lines diagnostics name, by line. */
  named: Map<number, Located>;
}

function ruleIndex(tables: readonly DiffTable[], namedLines: ReadonlySet<number>): RuleIndex {
  const index: RuleIndex = {
    byText: new Map(),
    text: [],
    line: [],
    chain: [],
    chainNames: [],
    chains: new Map(),
    named: new Map(),
  };
  for (const table of tables) {
    let texts = index.byText.get(table.name);
    if (!texts) index.byText.set(table.name, (texts = new Map()));
    for (const chain of table.chains) {
      const key = `${table.name}/${chain.name}`;
      let order = index.chains.get(key);
      if (!order) index.chains.set(key, (order = []));
      const c = index.chainNames.push({ table: table.name, chain: chain.name, key }) - 1;
      for (const rule of chain.rules) {
        const i = index.text.push(rule.text) - 1;
        index.line.push(rule.line);
        index.chain.push(c);
        order.push(i);
        // The text starts with '-A CHAIN': within a table it names its chain too.
        const at = texts.get(rule.text);
        if (at === undefined) texts.set(rule.text, i);
        else if (Array.isArray(at)) at.push(i);
        else texts.set(rule.text, [at, i]);
        if (namedLines.has(rule.line))
          index.named.set(rule.line, { table: table.name, chain: chain.name, text: rule.text });
      }
    }
  }
  return index;
}

/** The occurrences of each rule `from` has beyond those `other` has too, as DiffRules of `from`, by line. */
function surplus(from: RuleIndex, other: RuleIndex): DiffRule[] {
  const out: DiffRule[] = [];
  for (const [table, texts] of from.byText) {
    const others = other.byText.get(table);
    for (const [text, at] of texts) {
      const theirs = others?.get(text);
      const kept = theirs === undefined ? 0 : Array.isArray(theirs) ? theirs.length : 1;
      const mine = Array.isArray(at) ? at : [at];
      for (const i of mine.slice(kept)) {
        const c = from.chainNames[from.chain[i] ?? 0] as { table: string; chain: string };
        // Named as the report names them: bytes that are not UTF-8 escaped (`OPS_\xe9`), so the marks land on its rows.
        out.push({ table: c.table, chain: escapeNonUtf8(c.chain), text: escapeNonUtf8(text), line: from.line[i] ?? 0 });
      }
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * The chains holding the same rules in another order. A rule's text names its chain (`-A CHAIN …`), so a chain none
 * of whose rules was added or removed holds the same multiset: if its sequence differs, it was reordered.
 */
function reorderedChains(before: RuleIndex, after: RuleIndex, rules: ReadingDiff['rules']): string[] {
  const touched = new Set<string>();
  for (const r of [...rules.added, ...rules.removed]) touched.add(`${r.table}/${r.chain}`);
  const out: string[] = [];
  for (const [name, now] of after.chains) {
    const was = before.chains.get(name);
    if (!was || touched.has(escapeNonUtf8(name)) || was.length !== now.length) continue;
    if (!was.every((b, i) => before.text[b] === after.text[now[i] ?? 0])) out.push(escapeNonUtf8(name));
  }
  return out;
}

/** A diagnostic's identity: its code and the rules it names by their text, or its message when it names none. */
function diagnosticKey(d: Diagnostic, byLine: Map<number, Located>): string {
  if (d.rules.length === 0) return `${d.code}\n${d.message}`;
  const rules = d.rules.map((r) => {
    const rule = byLine.get(r.line);
    return rule ? `${rule.table}\n${rule.text}` : `${r.table}\n${r.chain}\n${r.index}`;
  });
  return `${d.code}\n${rules.join('\n')}`;
}

function diffDiagnostics(
  before: readonly Diagnostic[],
  byLineBefore: Map<number, Located>,
  after: readonly Diagnostic[],
  byLineAfter: Map<number, Located>,
): ReadingDiff['diagnostics'] {
  const unmatched = (
    from: readonly Diagnostic[],
    fromLines: Map<number, Located>,
    other: readonly Diagnostic[],
    otherLines: Map<number, Located>,
  ) => {
    const counts = new Map<string, number>();
    for (const d of other) {
      const key = diagnosticKey(d, otherLines);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return from.filter((d) => {
      const key = diagnosticKey(d, fromLines);
      const left = counts.get(key) ?? 0;
      if (left === 0) return true;
      counts.set(key, left - 1);
      return false;
    });
  };
  return {
    appeared: unmatched(after, byLineAfter, before, byLineBefore),
    resolved: unmatched(before, byLineBefore, after, byLineAfter),
  };
}
