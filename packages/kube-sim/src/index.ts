/** A faithful fake kube-apiserver for tests and the demo: discovery, pods, WebSocket exec, kubeovn.io CRDs. */
export { startKubeSim } from './kube-sim.js';
export { simCertificates } from './certificates.js';
export type { SimCertificates } from './certificates.js';
export type { KubeSim, KubeSimOptions, RecordedRequest } from './kube-sim.js';
export type {
  ExecHandler,
  ExecRequest,
  ExecResult,
  KubeOvnObject,
  KubeOvnPlural,
  PodFault,
  SimCrds,
  SimPod,
} from './types.js';
export { gatewayPod, haGatewayPods } from './gateway-pod.js';
export type { GatewayPodOptions } from './gateway-pod.js';
export { fixtureExec } from './fixture-exec.js';
export type { CommandRoute } from './fixture-exec.js';
export { netnsExec } from './netns-exec.js';
export { gatewayCrds, mergeCrds } from './kubeovn-crds.js';
export type { GatewayCrdSpec, KubeOvnResource } from './kubeovn-crds.js';
