import type { SimPod } from './types.js';

/** A pod as the sim stores it: the test's description plus what the "cluster" assigned. */
export interface StoredPod {
  pod: SimPod;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
}

/** The node a pod is bound to: explicit, else Running-like pods have one and Pending pods none. */
export function podNodeName(pod: SimPod): string | null {
  if (pod.nodeName !== undefined) return pod.nodeName === '' ? null : pod.nodeName;
  return pod.phase === 'Pending' ? null : 'kube-sim-node-1';
}

/** The STATUS column kubectl shows, computed the way the server's pod printer does for these states. */
export function podStatusReason(pod: SimPod): string {
  switch (pod.phase) {
    case 'Pending':
      return podNodeName(pod) ? 'ContainerCreating' : 'Pending';
    case 'Succeeded':
      return 'Completed';
    case 'Failed':
      return 'Error';
    default:
      return pod.phase;
  }
}

function containerStatus(pod: SimPod, name: string, image: string, startedAt: string): Record<string, unknown> {
  const base = { name, image, imageID: '', restartCount: pod.restartCount ?? 0 };
  switch (pod.phase) {
    case 'Running':
      return {
        ...base,
        ready: pod.ready,
        started: true,
        state: { running: { startedAt } },
        containerID: `containerd://${Buffer.from(`${pod.namespace}/${pod.name}/${name}`).toString('hex').slice(0, 64)}`,
      };
    case 'Pending':
      return { ...base, ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } };
    default: {
      const failed = pod.phase === 'Failed';
      return {
        ...base,
        ready: false,
        started: false,
        state: {
          terminated: {
            exitCode: failed ? 1 : 0,
            reason: failed ? 'Error' : 'Completed',
            startedAt,
            finishedAt: startedAt,
          },
        },
      };
    }
  }
}

/** Renders the v1 Pod JSON a real API server returns for this fake pod. */
export function podObject(stored: StoredPod): Record<string, unknown> {
  const { pod } = stored;
  const nodeName = podNodeName(pod);
  const image = 'docker.io/kubeovn/vpc-nat-gateway:v1.16.2';
  const created = pod.creationTimestamp ?? stored.creationTimestamp;
  const condition = (type: string, status: boolean, reason?: string) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: created,
    ...(reason ? { reason } : {}),
  });
  const running = pod.phase === 'Running';
  const conditions = nodeName
    ? [
        condition('PodReadyToStartContainers', running),
        condition('Initialized', true),
        condition('Ready', running && pod.ready, running && pod.ready ? undefined : 'ContainersNotReady'),
        condition('ContainersReady', running && pod.ready, running && pod.ready ? undefined : 'ContainersNotReady'),
        condition('PodScheduled', true),
      ]
    : [
        {
          ...condition('PodScheduled', false, 'Unschedulable'),
          message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
        },
      ];
  const podIP = running ? (pod.podIP ?? '10.0.1.254') : undefined;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      uid: stored.uid,
      resourceVersion: stored.resourceVersion,
      creationTimestamp: created,
      ...(pod.labels && Object.keys(pod.labels).length > 0 ? { labels: { ...pod.labels } } : {}),
      ...(pod.annotations && Object.keys(pod.annotations).length > 0 ? { annotations: { ...pod.annotations } } : {}),
    },
    spec: {
      containers: pod.containers.map((name) => ({
        name,
        image,
        command: ['sleep', 'infinity'],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
        securityContext: { privileged: true },
      })),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 0,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      ...(nodeName ? { nodeName } : {}),
      securityContext: {},
      schedulerName: 'default-scheduler',
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: pod.phase,
      conditions,
      ...(nodeName ? { hostIP: '172.18.0.2', hostIPs: [{ ip: '172.18.0.2' }] } : {}),
      ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
      ...(nodeName ? { startTime: created } : {}),
      ...(nodeName ? { containerStatuses: pod.containers.map((c) => containerStatus(pod, c, image, created)) } : {}),
      qosClass: 'BestEffort',
    },
  };
}
