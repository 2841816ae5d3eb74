/**
 * Faithfulness against the real @kubernetes/client-node (no mock): the same listing and Exec calls the
 * collector makes, over https with the sim's CA and token, and exec over real WebSockets.
 */
import {
  ApiException,
  ApisApi,
  CoreV1Api,
  CustomObjectsApi,
  Exec,
  KubeConfig,
  type V1Status,
} from '@kubernetes/client-node';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureExec } from './fixture-exec.js';
import { gatewayPod, haGatewayPods } from './gateway-pod.js';
import { startKubeSim, type KubeSim } from './kube-sim.js';

let sim: KubeSim;
let kc: KubeConfig;

beforeAll(async () => {
  sim = await startKubeSim({
    pods: [
      gatewayPod({ gateway: 'gw1', exec: fixtureExec('*nat\nCOMMIT\n', { stderr: 'warning\n' }) }),
      gatewayPod({
        gateway: 'gw2',
        namespace: 'tenant-a',
        exec: fixtureExec('', { stderr: 'nat gateway not initialized\n', exitCode: 1 }),
      }),
      gatewayPod({ gateway: 'denied', namespace: 'tenant-a', fault: 'forbidden' }),
      gatewayPod({ gateway: 'hang', namespace: 'tenant-a', fault: 'hang' }),
      gatewayPod({ gateway: 'drop', namespace: 'tenant-a', fault: 'drop', exec: fixtureExec('partial output') }),
      ...haGatewayPods({ gateway: 'ha', namespace: 'tenant-b' }),
      {
        namespace: 'default',
        name: 'echo',
        phase: 'Running',
        ready: true,
        containers: ['c'],
        exec: async (req) => {
          let text = '';
          for await (const chunk of req.stdin ?? []) text += String(chunk);
          return { stdout: text.toUpperCase() };
        },
      },
    ],
  });
  kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
});

afterAll(() => sim.close());

/** Runs an exec the way a careful collector does: own timeout, and the socket's close observed. */
async function exec(
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  stdin: Readable | null = null,
  timeoutMs = 3000,
) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        into.push(chunk);
        cb();
      },
    });
  let status: V1Status | undefined;
  const ws = await new Exec(kc).exec(namespace, pod, container, command, sink(out), sink(err), stdin, false, (s) => {
    status = s;
  });
  const ended = await new Promise<'closed' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => {
      ws.close();
      resolve('timeout');
    }, timeoutMs);
    ws.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
  return { ended, status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('client-node CoreV1Api', () => {
  it('lists gateway pods in all namespaces by label selector', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const list = await api.listPodForAllNamespaces({ labelSelector: 'ovn.kubernetes.io/vpc-nat-gw=true' });
    const names = list.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    expect(names).toHaveLength(7);
    expect(names).toContain('kube-system/vpc-nat-gw-gw1-0');
    const gw1 = list.items.find((p) => p.metadata?.name === 'vpc-nat-gw-gw1-0');
    expect(gw1?.metadata?.annotations?.['ovn.kubernetes.io/vpc_nat_gw']).toBe('gw1');
    expect(gw1?.status?.phase).toBe('Running');
    expect(gw1?.status?.containerStatuses?.[0]?.ready).toBe(true);
    expect(gw1?.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('lists one namespace with a set-based selector', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const list = await api.listNamespacedPod({
      namespace: 'tenant-b',
      labelSelector: 'app in (vpc-nat-gw-ha),pod-template-hash',
    });
    expect(list.items).toHaveLength(2);
    expect(list.items.every((p) => p.spec?.containers.map((c) => c.name).join(',') === 'bfdd,vpc-nat-gw')).toBe(true);
  });

  it('raises ApiException 404 and 400 with the server Status as body', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const missing = await api.readNamespacedPod({ namespace: 'kube-system', name: 'nope' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiException);
    expect((missing as ApiException<string>).code).toBe(404);
    expect(JSON.parse(String((missing as ApiException<string>).body))).toMatchObject({
      reason: 'NotFound',
      message: 'pods "nope" not found',
    });
    const bad = await api.listPodForAllNamespaces({ labelSelector: 'app in (' }).catch((e: unknown) => e);
    expect((bad as ApiException<string>).code).toBe(400);
  });

  it('is refused with 401 when the token is wrong', async () => {
    const wrong = new KubeConfig();
    wrong.loadFromString(sim.kubeconfig.replace(sim.token, 'wrong'));
    const res = await wrong
      .makeApiClient(CoreV1Api)
      .listPodForAllNamespaces()
      .catch((e: unknown) => e);
    expect((res as ApiException<string>).code).toBe(401);
  });

  it('reads the kubeovn.io CRDs with CustomObjectsApi', async () => {
    const api = kc.makeApiClient(CustomObjectsApi);
    const list = (await api.listClusterCustomObject({
      group: 'kubeovn.io',
      version: 'v1',
      plural: 'vpc-nat-gateways',
    })) as {
      items: { metadata: { name: string } }[];
    };
    expect(list.items.map((i) => i.metadata.name).sort()).toEqual(['denied', 'drop', 'gw1', 'gw2', 'ha', 'hang']);
  });
});

describe('client-node CustomObjectsApi when kubeovn.io is forbidden or not installed', () => {
  const list = (plural: string, on: KubeConfig = kc) =>
    on
      .makeApiClient(CustomObjectsApi)
      .listClusterCustomObject({ group: 'kubeovn.io', version: 'v1', plural })
      .then(
        () => ({ code: 200, body: '' }),
        (e: unknown) => {
          if (!(e instanceof ApiException)) throw e;
          return { code: e.code, body: String(e.body) };
        },
      );
  const forbiddenBody = (plural: string) => ({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${plural}.kubeovn.io is forbidden: User "system:serviceaccount:natscope:natscope" cannot list resource "${plural}" in API group "kubeovn.io" at the cluster scope`,
    reason: 'Forbidden',
    details: { group: 'kubeovn.io', kind: plural },
    code: 403,
  });

  afterEach(() => {
    sim.setForbiddenCrds([]);
    sim.setCrdsInstalled(true);
  });

  it("raises ApiException 403 with the authorizer's Status for the forbidden resources only", async () => {
    sim.setForbiddenCrds(['iptables-eips', 'iptables-snat-rules']);
    const eips = await list('iptables-eips');
    expect(eips.code).toBe(403);
    expect(JSON.parse(eips.body)).toEqual(forbiddenBody('iptables-eips'));
    expect((await list('iptables-snat-rules')).code).toBe(403);
    expect(await list('iptables-fip-rules')).toEqual({ code: 200, body: '' });
    sim.setForbiddenCrds('all');
    expect(JSON.parse((await list('vpc-nat-gateways')).body)).toEqual(forbiddenBody('vpc-nat-gateways'));
  });

  it('raises ApiException 404 with the plain "404 page not found" body when the CRDs are not installed', async () => {
    sim.setCrdsInstalled(false);
    expect(await list('iptables-eips')).toEqual({ code: 404, body: '404 page not found\n' });
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual([]);
    sim.setCrdsInstalled(true);
    expect((await list('iptables-eips')).code).toBe(200);
  });

  it('takes both from the start, and checks RBAC before it looks for the resource, as the real authorizer does', async () => {
    const bare = await startKubeSim({ crdsInstalled: false, forbiddenCrds: ['iptables-dnat-rules'] });
    try {
      const on = new KubeConfig();
      on.loadFromString(bare.kubeconfig);
      expect((await list('iptables-dnat-rules', on)).code).toBe(403);
      expect(await list('iptables-fip-rules', on)).toEqual({ code: 404, body: '404 page not found\n' });
    } finally {
      await bare.close();
    }
  });
});

describe('client-node Exec', () => {
  it('gets stdout, stderr and a Success status over v5', async () => {
    const res = await exec('kube-system', 'vpc-nat-gw-gw1-0', 'vpc-nat-gw', ['iptables-save']);
    expect(res).toMatchObject({ ended: 'closed', stdout: '*nat\nCOMMIT\n', stderr: 'warning\n' });
    expect(res.status?.status).toBe('Success');
  });

  it('gets the exit code as an ExitCode cause', async () => {
    const res = await exec('tenant-a', 'vpc-nat-gw-gw2-0', 'vpc-nat-gw', ['iptables-save']);
    expect(res.status?.status).toBe('Failure');
    expect(res.status?.reason).toBe('NonZeroExitCode');
    expect(res.status?.details?.causes).toEqual([{ reason: 'ExitCode', message: '1' }]);
    expect(res.stderr).toBe('nat gateway not initialized\n');
  });

  it('sends stdin and ends it with the v5 close frame', async () => {
    const res = await exec(
      'default',
      'echo',
      'c',
      ['cat'],
      Readable.from([Buffer.from('hello '), Buffer.from('gateway')]),
    );
    expect(res.stdout).toBe('HELLO GATEWAY');
  });

  // client-node rejects with the ws ErrorEvent; the HTTP status is only in its message (the body is dropped).
  it('rejects a forbidden exec with "Unexpected server response: 403"', async () => {
    const err = await exec('tenant-a', 'vpc-nat-gw-denied-0', 'vpc-nat-gw', ['true']).catch((e: unknown) => e);
    expect((err as { message?: string }).message).toBe('Unexpected server response: 403');
  });

  it('rejects an unknown container with "Unexpected server response: 400"', async () => {
    const err = await exec('kube-system', 'vpc-nat-gw-gw1-0', 'nope', ['true']).catch((e: unknown) => e);
    expect((err as { message?: string }).message).toBe('Unexpected server response: 400');
  });

  it('never calls back when the pod hangs, so the caller must time out', async () => {
    const res = await exec('tenant-a', 'vpc-nat-gw-hang-0', 'vpc-nat-gw', ['true'], null, 400);
    expect(res).toMatchObject({ ended: 'timeout', status: undefined, stdout: '' });
  });

  it('sees the socket close without a status when the pod drops it', async () => {
    const res = await exec('tenant-a', 'vpc-nat-gw-drop-0', 'vpc-nat-gw', ['true']);
    expect(res.ended).toBe('closed');
    expect(res.status).toBeUndefined();
    expect(res.stdout).toBe('partial');
  });
});

// A stdin the client never ends (v5 close frame never sent) must not keep a finished command's socket open.
it('finishes an exec whose stdin stays open once the command is done', async () => {
  sim.setExecHandler(() => ({ stdout: 'done' }), { namespace: 'default', name: 'echo' });
  const res = await exec('default', 'echo', 'c', ['true'], new PassThrough());
  expect(res).toMatchObject({ ended: 'closed', stdout: 'done' });
});
