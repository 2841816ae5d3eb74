/**
 * kube-sim benchmark: what the fake API server costs a test or the demo. A fleet of 200 gateway pods, each
 * answering exec with a generated 500-rule dump: start-up, pod listing (JSON and kubectl's Table) and exec
 * round trips over real TLS WebSockets, one at a time and 8 or 200 at once. Prints numbers only.
 *
 *   node --import tsx bench/kube-sim.bench.ts [pods] [rules]
 */
import { performance } from 'node:perf_hooks';
import { fixtureExec, gatewayPod, startKubeSim } from '../packages/kube-sim/src/index.js';
import { execPath, rawExec, rawRequest } from '../packages/kube-sim/test/raw-client.js';
import { generateDump } from './generate-dump.js';

const pods = Number(process.argv[2] ?? 200);
const rules = Number(process.argv[3] ?? 500);

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

const dump = generateDump({ rules, seed: 7 });
const fleet = Array.from({ length: pods }, (_, i) =>
  gatewayPod({ gateway: `gw${i}`, namespace: `tenant-${i % 10}`, exec: fixtureExec(dump) }),
);

const [, firstStart] = await timed(() => startKubeSim().then((s) => s.close()));
const [sim, start] = await timed(() => startKubeSim({ pods: fleet }));
console.log(
  `start: first ${ms(firstStart)} (CA and certificate made once per process), then ${ms(start)} with ${pods} pods`,
);

for (const [label, accept] of [
  ['list JSON', undefined],
  ['list Table', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'],
] as const) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 50; i++) {
    const [res, t] = await timed(() =>
      rawRequest(sim, '/api/v1/pods?labelSelector=ovn.kubernetes.io%2Fvpc-nat-gw%3Dtrue', accept ? { accept } : {}),
    );
    bytes = res.text.length;
    times.push(t);
  }
  console.log(
    `${label} of ${pods} pods (${(bytes / 1024).toFixed(0)} KiB): p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`,
  );
}

const one = (i: number) =>
  rawExec(sim, execPath(`tenant-${i % 10}`, `vpc-nat-gw-gw${i}-0`, ['iptables-save'], { container: 'vpc-nat-gw' }), {
    timeoutMs: 30_000,
  });
const sequential: number[] = [];
for (let i = 0; i < pods; i++) {
  const [res, t] = await timed(() => one(i));
  if (res.stdout.length !== dump.length)
    throw new Error(`exec ${i} returned ${res.stdout.length} bytes, not ${dump.length}`);
  sequential.push(t);
}
console.log(
  `exec one at a time (${(dump.length / 1024).toFixed(0)} KiB stdout): p50 ${ms(quantile(sequential, 0.5))}, p99 ${ms(quantile(sequential, 0.99))}, all ${ms(sequential.reduce((a, b) => a + b, 0))}`,
);

for (const width of [8, pods]) {
  let next = 0;
  const [, t] = await timed(() =>
    Promise.all(
      Array.from({ length: width }, async () => {
        while (next < pods) await one(next++);
      }),
    ),
  );
  console.log(`exec ${pods} pods, ${width} at a time: ${ms(t)}`);
}

console.log(`rss: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
await sim.close();
