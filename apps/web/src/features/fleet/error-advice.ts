import type { ErrorCode } from '@natscope/api';

/** What an on-call engineer should do about a gateway that cannot be read, keyed by the server's error code. */
export interface ErrorAdvice {
  title: string;
  todo: string;
  /** Something to copy: the RBAC rule, the kubectl command. */
  snippet?: string;
}

/** Advice for a gateway error; `namespace`/`pod` fill in the commands. */
export function errorAdvice(code: ErrorCode, namespace: string, pod: string | null): ErrorAdvice {
  const podArg = pod ?? '<pod>';
  switch (code) {
    case 'exec-forbidden':
      return {
        title: 'Exec forbidden',
        todo: `The server's service account may not exec into pods in "${namespace}". Grant it a Role there with get/list on pods and get+create on pods/exec (Kubernetes 1.35 needs create for WebSocket exec, older versions get).`,
        snippet: `- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get", "list"]\n- apiGroups: [""]\n  resources: ["pods/exec"]\n  verbs: ["get", "create"]`,
      };
    case 'exec-timeout':
      return {
        title: 'Exec timed out',
        todo: 'The gateway did not answer within the exec timeout. The pod may be overloaded or its node unreachable; check the pod, or raise NATSCOPE_EXEC_TIMEOUT_SECONDS. The last good reading stays shown with its age.',
        snippet: `kubectl -n ${namespace} describe pod ${podArg}`,
      };
    case 'pod-not-running':
      return {
        title: 'Pod not running',
        todo: 'The gateway pod is not in phase Running, so natscope does not exec into it. Look at its events; when it restarts, Kube-OVN must re-run init or its NAT rules are gone.',
        snippet: `kubectl -n ${namespace} get pod ${podArg} -o wide\nkubectl -n ${namespace} describe pod ${podArg}`,
      };
    case 'container-missing':
      return {
        title: 'No vpc-nat-gw container',
        todo: 'The pod carries the gateway label but has no container named vpc-nat-gw. Is it really a Kube-OVN VPC NAT gateway, or was the label copied onto another pod?',
        snippet: `kubectl -n ${namespace} get pod ${podArg} -o jsonpath='{.spec.containers[*].name}'`,
      };
    case 'exec-failed':
      return {
        title: 'Command failed in the pod',
        todo: 'The read-only iptables-save command exited with an error; its stderr is below. A gateway image without iptables-legacy or bash shows this.',
      };
    case 'parse-failed':
      return {
        title: 'Output could not be parsed',
        todo: 'The pod answered, but not with iptables-save text natscope understands; the position of the first problem is in the message. Please report it with the raw output.',
      };
    case 'cluster-unreachable':
      return {
        title: 'Cluster unreachable',
        todo: "Listing gateway pods failed. Check the server's KUBECONFIG or in-cluster service account and that it may list pods with the gateway label.",
        snippet: 'kubectl get pods -A -l ovn.kubernetes.io/vpc-nat-gw=true',
      };
    case 'internal':
      return {
        title: 'natscope could not analyse these rules',
        todo: 'The pod answered with iptables-save text, but natscope failed on it: that is a natscope bug, and the server log has the details. Please report it with the raw output (the raw view or `kubectl exec` below).',
        snippet: `kubectl -n ${namespace} exec ${podArg} -c vpc-nat-gw -- iptables-legacy-save -c -t nat`,
      };
  }
}
