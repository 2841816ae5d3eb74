// What other parts of natscope (e2e tests, the benchmark, the trace route) build on.
export { createApp, type AppDeps } from './http/app.js';
export {
  Collector,
  defaultPod,
  type CollectorOptions,
  type GatewayState,
  type PodState,
  type RefreshStats,
} from './collector/collector.js';
export { gatewaySummary, podSummary } from './views/gateway-summary.js';
export { KubeClient } from './kube/kube-client.js';
export type { GatewayCluster, PodInfo, ExecRequest, ExecResult } from './kube/gateway-cluster.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { connectSource, type ConnectedSource } from './kube/connect-source.js';
export { GATEWAY_COMMAND, GATEWAY_CONTAINER, backendMarker, splitGatewayOutput } from './collector/gateway-command.js';
export { startDemoCluster, gatewayExec, DEMO_GATEWAYS } from './demo/demo-cluster.js';
export { findGatewayPod } from './routes/gateways.js';
export { HttpError, parseOr400 } from './http/http-error.js';
export { CollectError } from './collector/collect-error.js';
export { AnalysisPool } from './analysis/analysis-pool.js';
export { DesiredState } from './desired/desired-state.js';
