import type { Readable } from 'node:stream';

/** What an exec into a fake pod asked for: the pod, the container the server resolved, and the argv. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  /** Bytes the client sends on channel 0 when it asked for stdin; ends on the v5 close frame or socket close. */
  stdin?: Readable;
  /** Aborted when the client goes away or the sim closes: stop the command. */
  signal: AbortSignal;
}

/** What a command printed and how it ended. A missing exitCode means 0. */
export interface ExecResult {
  stdout: string | Buffer;
  stderr?: string | Buffer;
  exitCode?: number;
}

/** Answers an exec into a fake pod. */
export type ExecHandler = (req: ExecRequest) => ExecResult | Promise<ExecResult>;

/**
 * A failure a fake pod shows on exec, on demand:
 * - `hang`: the WebSocket opens and then nothing is ever sent (no frames, no status, no close);
 * - `forbidden`: RBAC says no (403 Status before the upgrade, as the real authorizer does);
 * - `drop`: the socket is cut after part of stdout, without a status frame or a close frame;
 * - `garbage`: exit 0 with output that is not iptables-save text;
 * - `{ delayMs }`: the answer comes, but late;
 * - `{ exitCode, stderr }`: the command fails with that exit code.
 */
export type PodFault =
  'hang' | 'forbidden' | 'drop' | 'garbage' | { delayMs: number } | { exitCode: number; stderr?: string };

/** A pod of the fake cluster, as tests describe it (the server renders the full v1 Pod from it). */
export interface SimPod {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  phase: 'Running' | 'Pending' | 'Succeeded' | 'Failed' | 'Unknown';
  ready: boolean;
  /** Container names in spec order. */
  containers: string[];
  restartCount?: number;
  /** RFC 3339; defaults to when the pod was first set. */
  creationTimestamp?: string;
  /** Node the pod is bound to; by default Running pods have one and Pending pods have none. */
  nodeName?: string | null;
  podIP?: string;
  /** Answers exec for this pod; without it the sim-wide handler answers. */
  exec?: ExecHandler;
  fault?: PodFault;
}

/**
 * A kubeovn.io custom resource as served (cluster-scoped: no namespace). The sim fills what the API server owns:
 * uid and creationTimestamp (when not given), resourceVersion, and generation (as given when the sim first sees the
 * object, default 1; bumped on each spec change after).
 */
export interface KubeOvnObject {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    /** The controller's `kubeovn.io/kube-ovn-controller` once it has handled the object. */
    finalizers?: string[];
    creationTimestamp?: string;
    uid?: string;
    /** An object whose spec was changed before the sim first saw it: how many specs it has had. */
    generation?: number;
  };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** The plural of one of the kubeovn.io resources the sim serves. */
export type KubeOvnPlural = keyof SimCrds;

/** The kubeovn.io lists the sim serves, keyed by resource plural. */
export interface SimCrds {
  'vpc-nat-gateways'?: KubeOvnObject[];
  'iptables-eips'?: KubeOvnObject[];
  'iptables-fip-rules'?: KubeOvnObject[];
  'iptables-dnat-rules'?: KubeOvnObject[];
  'iptables-snat-rules'?: KubeOvnObject[];
}
