import { humanDuration } from './human-duration.js';
import type { Listable, ListKind } from './list-response.js';
import { podNodeName, podObject, podStatusReason, type StoredPod } from './pod-object.js';

/** How pods list: PodList, the server's pod table columns, and the field selectors pods support. */
export const POD_LIST: ListKind = {
  listKind: 'PodList',
  apiVersion: 'v1',
  itemsCarryType: false,
  supportedFields: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' },
    { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
    {
      name: 'Restarts',
      type: 'string',
      description: 'The number of times the containers in this pod have been restarted.',
    },
    {
      name: 'Age',
      type: 'string',
      description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
    },
    { name: 'IP', type: 'string', priority: 1, description: 'IP address allocated to the pod.' },
    { name: 'Node', type: 'string', priority: 1, description: 'Name of the Node this pod is scheduled on.' },
    { name: 'Nominated Node', type: 'string', priority: 1, description: 'Node nominated for preemption.' },
    { name: 'Readiness Gates', type: 'string', priority: 1, description: 'Readiness gates of the pod.' },
  ],
};

/** A stored pod as lists and tables see it (`now` for the AGE column). */
export function podListable(stored: StoredPod, now: number): Listable {
  const { pod } = stored;
  const object = podObject(stored);
  const status = object.status as { podIP?: string };
  const ready = pod.phase === 'Running' && pod.ready ? pod.containers.length : 0;
  const created = Date.parse(pod.creationTimestamp ?? stored.creationTimestamp);
  return {
    key: `${pod.namespace}/${pod.name}`,
    object,
    labels: pod.labels,
    fields: {
      'metadata.name': pod.name,
      'metadata.namespace': pod.namespace,
      'spec.nodeName': podNodeName(pod) ?? '',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'status.phase': pod.phase,
      'status.podIP': status.podIP ?? '',
      'status.nominatedNodeName': '',
    },
    cells: [
      pod.name,
      `${ready}/${pod.containers.length}`,
      podStatusReason(pod),
      String(pod.restartCount ?? 0),
      humanDuration(now - created),
      status.podIP ?? '<none>',
      podNodeName(pod) ?? '<none>',
      '<none>',
      '<none>',
    ],
  };
}
