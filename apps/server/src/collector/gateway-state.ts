import type { CollectError } from './collect-error.js';
import type { PodInfo } from '../kube/gateway-cluster.js';
import type { PodReading } from './read-pod.js';

/** Everything known about one pod of a gateway. */
export interface PodState {
  info: PodInfo;
  /** The last good reading, kept when later attempts fail. */
  good: PodReading | null;
  /** The latest attempt's error; null when it succeeded or none was made. */
  error: CollectError | null;
  attempted: boolean;
  /** How long the latest attempt took (exec, parse, analysis), in seconds. */
  durationSeconds: number | null;
}

/** A gateway and its pods, in pod-name order. */
export interface GatewayState {
  namespace: string;
  name: string;
  pods: PodState[];
  /** Bumped whenever anything about the gateway or its pods changes. */
  version: number;
}

/** Timings of one full refresh. */
export interface RefreshStats {
  durationMs: number;
  gateways: number;
  pods: number;
  failed: number;
}
