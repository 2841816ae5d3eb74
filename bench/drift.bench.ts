/**
 * Drift benchmark: compareDesired on a generated v1.16 gateway of 20,000 rules against its 10,000 FIP/DNAT/SNAT
 * objects (and their 6,000 EIPs), all in sync, so every object's lookups hit and every rule is claimed. Prints the
 * median over several runs beside the target (≤ 100 ms); passes or fails nothing. Also prints, for scale, the
 * first call (which also builds the report's lazy tables), readResources on the same objects as kubectl JSON and YAML, and
 * the same comparison with every object's rules gone (the restarted-pod case: a finding with a message per object).
 *
 *   node --expose-gc --import tsx bench/drift.bench.ts [fips dnats snats]
 *
 * The machine is shared: wall time includes waiting for a core, so CPU time is printed beside it.
 */
import { compareDesired, readResources } from '@natscope/drift';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { stringify } from 'yaml';
import { generateDesired } from './generate-desired.js';
import { measureWithCpu, timeWithCpu } from './measure.js';

const TARGET_MS = 100;
const [fips, dnats, snats] = process.argv.slice(2, 5).map(Number);
const gateway = generateDesired({ fips: fips || 4000, dnats: dnats || 3000, snats: snats || 3000 });
const { resources } = gateway;
const objects = resources.fips.length + resources.dnats.length + resources.snats.length;
const report = inspect(parse(gateway.dump, { file: 'generated' }));

const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
const verdict = (ms: number) => (ms <= TARGET_MS ? 'within target' : 'OVER TARGET');

console.log(
  `drift bench: ${gateway.rules.toLocaleString('en-US')} rules, ${objects.toLocaleString('en-US')} FIP/DNAT/SNAT objects + ${resources.eips.length.toLocaleString('en-US')} EIPs (v1.16, in sync)`,
);

const first = timeWithCpu(() => compareDesired({ gateway: 'gw1', report, resources }));
if (first.value.status !== 'in-sync')
  throw new Error(`generated gateway is not in sync: ${first.value.drifts[0]?.message ?? ''}`);
console.log(`  first call (also builds the report's tables)  ${fmt(first.wall)} wall ${fmt(first.cpu)} CPU`);

const warm = measureWithCpu(() => compareDesired({ gateway: 'gw1', report, resources }), { runs: 9, warmups: 3 });
console.log(
  `  compareDesired, median of 9                    ${fmt(warm.wall)} wall ${fmt(warm.cpu)} CPU   target ≤ ${TARGET_MS} ms: ${verdict(warm.wall)}`,
);

// Every rule gone (a pod that restarted and was not re-initialised): one finding, with its message, per object.
const empty = inspect(
  parse(
    '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n',
    { file: 'empty' },
  ),
);
const lost = measureWithCpu(() => compareDesired({ gateway: 'gw1', report: empty, resources }), {
  runs: 9,
  warmups: 3,
});
console.log(`  every rule missing (a finding per object)      ${fmt(lost.wall)} wall ${fmt(lost.cpu)} CPU`);

// What the CLI pays before comparing: the same objects as kubectl prints them, read once each way.
const list = {
  apiVersion: 'v1',
  kind: 'List',
  items: [...resources.gateways, ...resources.eips, ...resources.fips, ...resources.dnats, ...resources.snats],
};
const jsonText = JSON.stringify(list, null, 4);
const json = timeWithCpu(() => readResources(jsonText, 'generated.json'));
console.log(
  `  readResources, ${(jsonText.length / 1e6).toFixed(1)} MB of kubectl -o json             ${fmt(json.wall)} wall ${fmt(json.cpu)} CPU (once)`,
);
const yamlText = stringify(list);
const yaml = timeWithCpu(() => readResources(yamlText, 'generated.yaml'));
console.log(
  `  readResources, ${(yamlText.length / 1e6).toFixed(1)} MB of kubectl -o yaml            ${fmt(yaml.wall)} wall ${fmt(yaml.cpu)} CPU (once; the yaml package parses ~1.5 MB/s)`,
);
