import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import {
  fixtureExec,
  gatewayPod,
  haGatewayPods,
  simCertificates,
  startKubeSim,
  type KubeSim,
} from '@natscope/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../collector/collect-error.js';
import { GATEWAY_COMMAND } from '../collector/gateway-command.js';
import { KubeClient } from './kube-client.js';
import { freePort } from '../test-support/free-port.js';

// The real @kubernetes/client-node against kube-sim over real https and WebSocket exec: no mocks.

let sim: KubeSim;
let client: KubeClient;
let hungExecAborted: Promise<void>;

beforeAll(async () => {
  let markAborted = (): void => undefined;
  hungExecAborted = new Promise((r) => (markAborted = r));
  sim = await startKubeSim({
    pods: [
      gatewayPod({ gateway: 'ok', exec: fixtureExec('hello\n', { stderr: 'a warning\n' }) }),
      gatewayPod({
        gateway: 'exit3',
        exec: fixtureExec('', { stderr: 'iptables-legacy-save: cannot open table\n', exitCode: 3 }),
      }),
      gatewayPod({ gateway: 'locked', namespace: 'tenant-b', fault: 'forbidden' }),
      gatewayPod({ gateway: 'drop', exec: fixtureExec('x'.repeat(100_000)), fault: 'drop' }),
      // A command that never answers; the sim aborts its signal when the client closes the socket.
      gatewayPod({
        gateway: 'hung',
        exec: (req) => new Promise(() => req.signal.addEventListener('abort', () => markAborted())),
      }),
      gatewayPod({ gateway: 'starting', phase: 'Pending', nodeName: 'node-1', ready: false }),
      gatewayPod({ gateway: 'other', labels: { 'ovn.kubernetes.io/vpc-nat-gw': 'false' } }),
      ...haGatewayPods({ gateway: 'ha', namespace: 'tenant-b', each: (i) => ({ exec: fixtureExec(`pod ${i}\n`) }) }),
    ],
  });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  client = new KubeClient(kc);
});

afterAll(async () => {
  await sim.close();
});

/** The gateway command in a pod's vpc-nat-gw container, through `through` (the shared client unless named). */
const execWith = (through: KubeClient, namespace: string, pod: string, timeoutMs = 5000) =>
  through.exec({ namespace, pod, container: 'vpc-nat-gw', command: GATEWAY_COMMAND, timeoutMs });
const exec = (namespace: string, pod: string, timeoutMs = 5000) => execWith(client, namespace, pod, timeoutMs);

async function failure(p: Promise<unknown>): Promise<CollectError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CollectError);
  return err as CollectError;
}

describe('KubeClient.listPods', () => {
  it('lists gateway pods in every namespace by label selector, with phase, readiness and containers', async () => {
    const pods = await client.listPods({
      namespaces: [],
      selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
      timeoutMs: 5000,
    });
    const names = pods.map((p) => `${p.namespace}/${p.name}`);
    expect(names).toContain('kube-system/vpc-nat-gw-ok-0');
    expect(names).toContain('tenant-b/vpc-nat-gw-locked-0');
    expect(names).not.toContain('kube-system/vpc-nat-gw-other-0');
    const starting = pods.find((p) => p.name === 'vpc-nat-gw-starting-0');
    expect(starting).toMatchObject({ phase: 'Pending', ready: false, containers: ['vpc-nat-gw'] });
    const ha = pods.filter((p) => p.annotations['ovn.kubernetes.io/vpc_nat_gw'] === 'ha');
    expect(ha).toHaveLength(2);
    expect(ha[0]?.containers).toEqual(['bfdd', 'vpc-nat-gw']);
  });

  it('lists only the configured namespaces', async () => {
    const pods = await client.listPods({
      namespaces: ['tenant-b'],
      selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
      timeoutMs: 5000,
    });
    expect(new Set(pods.map((p) => p.namespace))).toEqual(new Set(['tenant-b']));
    expect(pods).toHaveLength(3);
  });

  it('reports an API server that is not there as cluster-unreachable, naming it', async () => {
    const port = await freePort();
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig.replace(sim.url, `https://127.0.0.1:${port}`));
    const dead = new KubeClient(kc);
    const err = await failure(dead.listPods({ namespaces: [], selector: 'a=b', timeoutMs: 5000 }));
    expect(err.code).toBe('cluster-unreachable');
    expect(err.message).toContain(`https://127.0.0.1:${port}`);
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('reports rejected credentials as cluster-unreachable with the reason', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig.replace(sim.token, 'wrong-token'));
    const err = await failure(new KubeClient(kc).listPods({ namespaces: [], selector: 'a=b', timeoutMs: 5000 }));
    expect(err.code).toBe('cluster-unreachable');
    expect(err.message).toMatch(/rejected natscope's credentials/);
  });
});

describe('KubeClient.exec', () => {
  it('returns stdout, stderr and exit code 0 of a finished command', async () => {
    await expect(exec('kube-system', 'vpc-nat-gw-ok-0')).resolves.toEqual({
      stdout: 'hello\n',
      stderr: 'a warning\n',
      exitCode: 0,
    });
  });

  it('sends exactly the fixed gateway argv to the named container', async () => {
    await exec('kube-system', 'vpc-nat-gw-ok-0');
    const last = sim.requests.filter((r) => r.path.endsWith('/vpc-nat-gw-ok-0/exec')).at(-1);
    const query = new URLSearchParams(last?.query ?? '');
    expect(query.getAll('command')).toEqual([...GATEWAY_COMMAND]);
    expect(query.get('container')).toBe('vpc-nat-gw');
    expect(query.get('stdin')).toBe('false');
  });

  it('returns a non-zero exit code with the command’s stderr', async () => {
    await expect(exec('kube-system', 'vpc-nat-gw-exit3-0')).resolves.toEqual({
      stdout: '',
      stderr: 'iptables-legacy-save: cannot open table\n',
      exitCode: 3,
    });
  });

  it('turns 403 into exec-forbidden naming the pod, the server’s reason and the RBAC needed', async () => {
    const err = await failure(exec('tenant-b', 'vpc-nat-gw-locked-0'));
    expect(err.code).toBe('exec-forbidden');
    expect(err.message).toContain('tenant-b/vpc-nat-gw-locked-0');
    expect(err.message).toContain('cannot get resource "pods/exec"');
    expect(err.message).toContain('needs "get" and "create" on "pods/exec" in namespace tenant-b');
  });

  it('times out a command that never answers within the limit and closes its socket', async () => {
    const t0 = Date.now();
    const err = await failure(exec('kube-system', 'vpc-nat-gw-hung-0', 400));
    const took = Date.now() - t0;
    expect(err.code).toBe('exec-timeout');
    expect(err.message).toContain('kube-system/vpc-nat-gw-hung-0');
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(1500);
    // The sim saw the WebSocket go away: the exec was really closed, not just abandoned.
    await expect(
      Promise.race([hungExecAborted.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 2000))]),
    ).resolves.toBe('closed');
  });

  it('fails an exec whose socket drops without a status frame instead of waiting forever', async () => {
    const t0 = Date.now();
    const err = await failure(exec('kube-system', 'vpc-nat-gw-drop-0', 5000));
    expect(err.code).toBe('exec-failed');
    expect(err.message).toMatch(/closed the exec stream before the command reported its exit status/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('reports a container that is not running as container-missing', async () => {
    const err = await failure(exec('kube-system', 'vpc-nat-gw-starting-0'));
    expect(err.code).toBe('container-missing');
    expect(err.message).toContain('container not found ("vpc-nat-gw")');
  });

  it('reports a container the pod does not have as container-missing', async () => {
    const err = await failure(
      client.exec({
        namespace: 'kube-system',
        pod: 'vpc-nat-gw-ok-0',
        container: 'nope',
        command: GATEWAY_COMMAND,
        timeoutMs: 5000,
      }),
    );
    expect(err.code).toBe('container-missing');
    expect(err.message).toContain('container nope is not valid');
  });

  it('reaches the vpc-nat-gw container of an HA pod whose bfdd sidecar is listed first', async () => {
    const pods = await client.listPods({ namespaces: ['tenant-b'], selector: 'app=vpc-nat-gw-ha', timeoutMs: 5000 });
    const outputs = await Promise.all(pods.map((p) => exec('tenant-b', p.name)));
    expect(outputs.map((o) => o.stdout).sort()).toEqual(['pod 0\n', 'pod 1\n']);
  });

  it('runs many execs at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => exec('kube-system', 'vpc-nat-gw-ok-0')));
    expect(results.every((r) => r.stdout === 'hello\n')).toBe(true);
  });
});

describe('KubeClient connections opened ahead', () => {
  it('execs through connections it opened when told execs were coming, with the same results', async () => {
    const ahead = KubeClient.fromKubeconfig(sim.kubeconfig);
    ahead.expectExecs(2);
    await execWith(ahead, 'kube-system', 'vpc-nat-gw-ok-0'); // learns the endpoint, then opens two ahead
    const results = await Promise.all([
      execWith(ahead, 'kube-system', 'vpc-nat-gw-ok-0'),
      execWith(ahead, 'kube-system', 'vpc-nat-gw-exit3-0'),
    ]);
    expect(results.map((r) => [r.stdout, r.exitCode])).toEqual([
      ['hello\n', 0],
      ['', 3],
    ]);
    expect(ahead.connectionStats).toEqual({ warm: 2, cold: 1 });
    ahead.close();
  });

  it('still explains a refused exec when its connection was opened ahead', async () => {
    const ahead = KubeClient.fromKubeconfig(sim.kubeconfig);
    ahead.expectExecs(2);
    await failure(execWith(ahead, 'tenant-b', 'vpc-nat-gw-locked-0'));
    const err = await failure(execWith(ahead, 'tenant-b', 'vpc-nat-gw-locked-0'));
    expect(ahead.connectionStats.warm).toBeGreaterThanOrEqual(1);
    expect(err.code).toBe('exec-forbidden');
    expect(err.message).toContain('pods/exec');
    ahead.close();
  });

  it('opens nothing ahead once no more execs are expected', async () => {
    const ahead = KubeClient.fromKubeconfig(sim.kubeconfig);
    ahead.expectExecs(0);
    await execWith(ahead, 'kube-system', 'vpc-nat-gw-ok-0');
    await execWith(ahead, 'kube-system', 'vpc-nat-gw-ok-0');
    expect(ahead.connectionStats).toEqual({ warm: 0, cold: 2 });
    ahead.close();
  });

  it('leaves the connections to client-node’s proxy agent when the kubeconfig names a proxy-url', async () => {
    // A real HTTP CONNECT proxy in front of the sim: client-node tunnels through it, so none may be opened directly.
    const tunnels: string[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = netConnect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const { port } = proxy.address() as AddressInfo;
    const proxied = KubeClient.fromKubeconfig(
      sim.kubeconfig.replace(/^(\s+server: .*)$/m, `$1\n    proxy-url: "http://127.0.0.1:${port}"`),
    );
    proxied.expectExecs(2);
    const res = await execWith(proxied, 'kube-system', 'vpc-nat-gw-ok-0');
    expect(res.stdout).toBe('hello\n');
    expect(tunnels).toEqual([new URL(sim.url).host]);
    expect(proxied.connectionStats).toEqual({ warm: 0, cold: 0 });
    proxied.close();
    proxy.closeAllConnections();
    proxy.close();
  });

  it('reports an API server whose certificate the kubeconfig’s CA does not vouch for, naming the TLS cause', async () => {
    const { serverCert } = await simCertificates();
    // The serving certificate as the only trust anchor: it is not a CA, so the chain cannot be verified.
    const wrong = KubeClient.fromKubeconfig(
      sim.kubeconfig.replace(Buffer.from(sim.caCert).toString('base64'), Buffer.from(serverCert).toString('base64')),
    );
    wrong.expectExecs(2);
    await failure(execWith(wrong, 'kube-system', 'vpc-nat-gw-ok-0'));
    const err = await failure(execWith(wrong, 'kube-system', 'vpc-nat-gw-ok-0')); // this one on a connection opened ahead
    expect(wrong.connectionStats.warm).toBe(1);
    expect(err.code).toBe('exec-failed');
    expect(err.message).toMatch(/kube-system\/vpc-nat-gw-ok-0: exec failed: .*(certificate|issuer)/i);
    wrong.close();
  });
});
