import { InspectReport } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { chainGraph } from '../graph/chain-graph.js';
import { inspect } from './inspect.js';

// Names come from the dump, so they can be anything iptables accepts: none may reach an object's prototype.
const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'ÉTAT_ÜBER_链',
  'C'.repeat(10_000),
];

function hostileDump(table: string): string {
  const lines = [`*${table}`, ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'];
  for (const name of HOSTILE) lines.push(`:${name} - [0:0]`);
  for (const name of HOSTILE)
    lines.push(`[3:180] -A PREROUTING -m comment --comment "${name.slice(0, 200)}" -j ${name}`);
  for (const name of HOSTILE) lines.push(`[1:60] -A ${name} -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5`);
  lines.push('COMMIT', '');
  return lines.join('\n');
}

describe('hostile chain, table and comment names', () => {
  for (const table of ['nat', 'mangle', '__proto__', 'constructor']) {
    it(`go through parse, inspect, the report schema and the graph in a table named ${table.slice(0, 20)}`, () => {
      const dump = parse(hostileDump(table), { file: 'hostile.txt' });
      const report = inspect(dump);
      const parsed = InspectReport.parse(JSON.parse(JSON.stringify(report)));
      const chains = parsed.tables[0]!.chains;
      expect(chains.map((c) => c.name)).toEqual(['PREROUTING', 'POSTROUTING', ...HOSTILE]);
      for (const chain of chains) for (const rule of chain.rules) expect(typeof rule.summary).toBe('string');
      expect(chains[0]!.rules.map((r) => r.jump)).toEqual(HOSTILE);
      const graph = chainGraph(parsed.tables);
      expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(HOSTILE.map((name) => `${table}/${name}`)));
      expect(graph.edges).toHaveLength(HOSTILE.length);
    });
  }
});
