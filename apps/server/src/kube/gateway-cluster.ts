import type { KubeOvnKind } from '@natscope/api';

// The calls the collector and the desired-state comparison make against a cluster, and what they carry: the seam between the collector
// and Kubernetes (KubeClient in production, fakes in tests).

/** What the collector needs to know about a pod. */
export interface PodInfo {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  phase: string;
  ready: boolean;
  containers: string[];
}

/** The finished command: exit code and both streams. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One exec: which pod and container, the argv, and how long it may take. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  timeoutMs: number;
}

/** Each kubeovn.io kind's listed items, as the API server sent them (validated by the caller). */
/** Takes one page of a kind's listed items. */
export type KubeOvnPage = (kind: KubeOvnKind, items: unknown[]) => void;

/** The calls made against a cluster: list pods, exec in one, and list the kubeovn.io objects. */
export interface GatewayCluster {
  listPods(opts: { namespaces: string[]; selector: string; timeoutMs: number }): Promise<PodInfo[]>;
  exec(req: ExecRequest): Promise<ExecResult>;
  /**
   * A hint: about `count` more execs will start soon (0: none). A client may open connections for them ahead
   * of time, so that each exec's handshake happens while others run rather than in its own critical path.
   */
  expectExecs?(count: number): void;
  /**
   * The five kubeovn.io kinds, listed cluster-wide once each, in pages: `page` gets each page of a kind's items in
   * order (kinds interleave), so no more than a page of raw objects is held at a time. Rejects with a
   * KubeOvnListError (forbidden, not-installed, unreachable); the pages given before then are of no listing. Absent
   * on a cluster that cannot say (then drift is unknown).
   */
  listKubeOvn?(opts: { timeoutMs: number; page: KubeOvnPage }): Promise<void>;
}
