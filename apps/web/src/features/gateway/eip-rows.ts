import type { Counters, Diagnostic, Mapping, RuleRef } from '@natscope/api';
import { ipToInt } from '@natscope/natgw';
import { formatRuleKey } from '../../lib/url-state.js';

/** A port forward on an EIP. */
export interface PortForward {
  mapping: Mapping;
  protocol: string;
  externalPort: number;
  internalIp: string;
  internalPort: number;
  counters: Counters;
  rules: RuleRef[];
}

/** A SNAT source CIDR leaving by an EIP. */
export interface SnatSource {
  mapping: Mapping;
  internalCidr: string;
  randomFully: boolean;
  outInterface: string | null;
  counters: Counters;
  rules: RuleRef[];
}

/** Everything one EIP does on this gateway, for the table view. */
export interface EipRow {
  eip: string;
  fip: { mapping: Mapping; internalIp: string; counters: Counters; rules: RuleRef[] } | null;
  portForwards: PortForward[];
  snatSources: SnatSource[];
  hairpin: { mapping: Mapping; counters: Counters; rules: RuleRef[] } | null;
  /** Sum over every mapping of the EIP. */
  counters: Counters;
  /** Diagnostics that name any rule of this EIP's mappings, worst first. */
  diagnostics: Diagnostic[];
}

/** The columns the EIP table sorts by. */
export type EipSort = 'eip' | 'fip' | 'portForwards' | 'snatSources' | 'hairpin' | 'packets' | 'bytes' | 'diagnostics';

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
// One error outweighs any realistic number of warnings, one warning any number of infos.
const SEVERITY_WEIGHT = { error: 1e6, warning: 1e3, info: 1 } as const;

/** Groups the report's mappings by EIP (in address order) with the diagnostics that concern each. */
export function eipRows(mappings: readonly Mapping[], diagnostics: readonly Diagnostic[]): EipRow[] {
  const rows = new Map<string, EipRow>();
  const ruleOwners = new Map<string, EipRow>();
  for (const m of mappings) {
    let row = rows.get(m.eip);
    if (!row) {
      row = {
        eip: m.eip,
        fip: null,
        portForwards: [],
        snatSources: [],
        hairpin: null,
        counters: { packets: 0, bytes: 0 },
        diagnostics: [],
      };
      rows.set(m.eip, row);
    }
    row.counters = { packets: row.counters.packets + m.counters.packets, bytes: row.counters.bytes + m.counters.bytes };
    for (const r of m.rules) ruleOwners.set(formatRuleKey(r), row);
    switch (m.kind) {
      case 'fip':
        row.fip = { mapping: m, internalIp: m.internalIp, counters: m.counters, rules: m.rules };
        break;
      case 'dnat':
        row.portForwards.push({
          mapping: m,
          protocol: m.protocol,
          externalPort: m.externalPort,
          internalIp: m.internalIp,
          internalPort: m.internalPort,
          counters: m.counters,
          rules: m.rules,
        });
        break;
      case 'snat':
        row.snatSources.push({
          mapping: m,
          internalCidr: m.internalCidr,
          randomFully: m.randomFully,
          outInterface: m.outInterface,
          counters: m.counters,
          rules: m.rules,
        });
        break;
      case 'hairpin':
        row.hairpin = { mapping: m, counters: m.counters, rules: m.rules };
        break;
    }
  }
  for (const d of diagnostics) {
    const owners = new Set(d.rules.map((r) => ruleOwners.get(formatRuleKey(r))).filter((row) => row !== undefined));
    for (const row of owners) row.diagnostics.push(d);
  }
  for (const row of rows.values()) {
    row.portForwards.sort((a, b) => a.externalPort - b.externalPort || a.protocol.localeCompare(b.protocol));
    row.diagnostics.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  }
  return [...rows.values()].sort((a, b) => compareIp(a.eip, b.eip));
}

function compareIp(a: string, b: string): number {
  const ia = ipToInt(a);
  const ib = ipToInt(b);
  if (ia !== null && ib !== null) return ia - ib;
  return a.localeCompare(b);
}

function sortKey(row: EipRow, sort: EipSort): number | string {
  switch (sort) {
    case 'eip':
      return ipToInt(row.eip) ?? row.eip;
    case 'fip':
      return row.fip ? (ipToInt(row.fip.internalIp) ?? row.fip.internalIp) : -1;
    case 'portForwards':
      return row.portForwards.length;
    case 'snatSources':
      return row.snatSources.length;
    case 'hairpin':
      return row.hairpin ? 1 : 0;
    case 'packets':
      return row.counters.packets;
    case 'bytes':
      return row.counters.bytes;
    case 'diagnostics':
      return row.diagnostics.reduce((sum, d) => sum + SEVERITY_WEIGHT[d.severity], 0);
  }
}

/** The rows in the order of a column; ties keep address order. */
export function sortEipRows(rows: readonly EipRow[], sort: EipSort, descending: boolean): EipRow[] {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ka = sortKey(a, sort);
    const kb = sortKey(b, sort);
    const order = ka < kb ? -1 : ka > kb ? 1 : 0;
    return order * direction || compareIp(a.eip, b.eip);
  });
}
