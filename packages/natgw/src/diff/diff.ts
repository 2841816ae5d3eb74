import type { Diagnostic, DiffRule, Mapping, MappingChange, ReadingDiff } from '@natscope/api';

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
  const rulesBefore = ruleIndex(before.tables);
  const rulesAfter = ruleIndex(after.tables);
  return {
    mappings: diffMappings(before.mappings, after.mappings),
    rules: diffRules(rulesBefore, rulesAfter),
    reordered: reorderedChains(rulesBefore, rulesAfter),
    diagnostics: diffDiagnostics(before.diagnostics, rulesBefore.byLine, after.diagnostics, rulesAfter.byLine),
  };
}

/** The identity of a mapping: what makes two readings' mappings "the same one". */
function mappingKey(m: Mapping): string {
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

/** What a mapping means, without the rules that make it (their lines move) and its counters (traffic). */
function mappingMeaning(m: Mapping): string {
  const rest: Record<string, unknown> = { ...m };
  delete rest.rules;
  delete rest.counters;
  return JSON.stringify(
    Object.keys(rest)
      .sort()
      .map((k) => [k, rest[k]]),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function diffMappings(before: readonly Mapping[], after: readonly Mapping[]): ReadingDiff['mappings'] {
  const removed: Mapping[] = [];
  const changed: MappingChange[] = [];
  const afterByKey = groupBy(after, mappingKey);
  const matched = new Set<Mapping>();
  for (const [key, olds] of groupBy(before, mappingKey)) {
    const news = afterByKey.get(key) ?? [];
    // Same meaning first (an EIP with two floating IPs where one moved), then pair what is left in order.
    const unmatchedNew = [...news];
    const unmatchedOld: Mapping[] = [];
    for (const old of olds) {
      const meaning = mappingMeaning(old);
      const same = unmatchedNew.findIndex((n) => mappingMeaning(n) === meaning);
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

interface RuleIndex {
  /** table + '\n' + text → the lines holding that rule, in reading order. */
  lines: Map<string, number[]>;
  /** `table/chain` → its rules' keys in order. */
  chains: Map<string, string[]>;
  byLine: Map<number, Located>;
}

function ruleIndex(tables: readonly DiffTable[]): RuleIndex {
  const lines = new Map<string, number[]>();
  const chains = new Map<string, string[]>();
  const byLine = new Map<number, Located>();
  for (const table of tables) {
    for (const chain of table.chains) {
      const name = `${table.name}/${chain.name}`;
      let keys = chains.get(name);
      if (!keys) chains.set(name, (keys = []));
      for (const rule of chain.rules) {
        // The text starts with '-A CHAIN', so the table is all the key needs besides it.
        const key = `${table.name}\n${rule.text}`;
        keys.push(key);
        const at = lines.get(key);
        if (at) at.push(rule.line);
        else lines.set(key, [rule.line]);
        byLine.set(rule.line, { table: table.name, chain: chain.name, text: rule.text });
      }
    }
  }
  return { lines, chains, byLine };
}

/** The occurrences of each rule `from` has beyond those `other` has too, as DiffRules of `from`. */
function surplus(from: RuleIndex, other: RuleIndex): DiffRule[] {
  const out: DiffRule[] = [];
  for (const [key, lines] of from.lines) {
    const kept = other.lines.get(key)?.length ?? 0;
    for (const line of lines.slice(kept)) {
      const rule = from.byLine.get(line) as Located;
      out.push({ table: rule.table, chain: rule.chain, text: rule.text, line });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

function diffRules(before: RuleIndex, after: RuleIndex): ReadingDiff['rules'] {
  return { added: surplus(after, before), removed: surplus(before, after) };
}

function reorderedChains(before: RuleIndex, after: RuleIndex): string[] {
  const out: string[] = [];
  for (const [name, now] of after.chains) {
    const was = before.chains.get(name);
    if (!was || was.length !== now.length || was.every((k, i) => k === now[i])) continue;
    const sortedWas = [...was].sort();
    const sortedNow = [...now].sort();
    if (sortedWas.every((k, i) => k === sortedNow[i])) out.push(name);
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
