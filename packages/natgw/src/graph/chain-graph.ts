import type { ReportTable } from '@natscope/api';
import type { ChainEdge, ChainGraph, ChainNode, ChainRole } from './chain-graph-types.js';
import { isKubeOvnChain } from '../kube-ovn/kube-ovn-chains.js';

function role(table: string, chain: string, builtin: boolean): ChainRole {
  if (builtin) return 'hook';
  return isKubeOvnChain(table, chain) ? 'kube-ovn' : 'operator';
}

/**
 * The chain graph of a report's tables, as plain data for the web app (which may call it in the browser):
 * a node per chain of every table, built-in and user alike, and an edge per rule that jumps (`-j CHAIN`) or goes
 * (`-g CHAIN`) to a user chain, leaving from that rule's row and carrying its counters. A table that occurs
 * twice in the input (two saves of nat) gets ids `nat#2/…` for its second copy so ids stay unique.
 * Linear in chains plus rules.
 */
export function chainGraph(tables: ReportTable[]): ChainGraph {
  const nodes: ChainNode[] = [];
  const edges: ChainEdge[] = [];
  const seen = new Map<string, number>();
  for (const table of tables) {
    const copy = (seen.get(table.name) ?? 0) + 1;
    seen.set(table.name, copy);
    const prefix = copy === 1 ? table.name : `${table.name}#${copy}`;
    const targeted = new Set<string>();
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        if (rule.jump === null) continue;
        const source = `${prefix}/${chain.name}`;
        const target = `${prefix}/${rule.jump}`;
        if (rule.jump !== chain.name) targeted.add(rule.jump); // a self-loop does not make a chain reachable
        edges.push({
          id: `${source}#${rule.index}->${target}`,
          source,
          target,
          ruleIndex: rule.index,
          line: rule.line,
          kind: rule.decoded.target?.kind ?? 'jump',
          counters: rule.counters,
        });
      }
    }
    for (const chain of table.chains) {
      nodes.push({
        id: `${prefix}/${chain.name}`,
        table: table.name,
        chain: chain.name,
        role: role(table.name, chain.name, chain.builtin),
        builtin: chain.builtin,
        policy: chain.policy,
        counters: chain.counters,
        ruleCount: chain.rules.length,
        orphan: !chain.builtin && !targeted.has(chain.name),
      });
    }
  }
  return { nodes, edges };
}
