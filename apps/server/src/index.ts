// What the benchmarks (bench/fleet.bench.ts) build a server from, as main.ts does.
export { createApp, type AppDeps } from './http/app.js';
export {
  Collector,
  type CollectorOptions,
  type GatewayState,
  type PodState,
  type RefreshStats,
} from './collector/collector.js';
export { KubeClient } from './kube/kube-client.js';
export type { GatewayCluster, PodInfo, ExecRequest, ExecResult } from './kube/gateway-cluster.js';
export type { Config } from './config.js';
export type { ConnectedSource } from './kube/connect-source.js';
export { AnalysisPool } from './analysis/analysis-pool.js';
export { DesiredState } from './desired/desired-state.js';
