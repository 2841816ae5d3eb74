import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execPath, rawExec, rawRequest } from '../test/raw-client.js';
import { fixtureExec, execByCommand } from './fixture-exec.js';
import { gatewayPod, haGatewayPods } from './gateway-pod.js';
import { startKubeSim, type KubeSim } from './kube-sim.js';
import { gatewayCrds } from './kubeovn-crds.js';

let sim: KubeSim;

beforeAll(async () => {
  sim = await startKubeSim({
    token: 'sim-token',
    pods: [
      gatewayPod({ gateway: 'gw1', exec: fixtureExec('*nat\nCOMMIT\n', { stderr: '# Warning: legacy\n' }) }),
      gatewayPod({ gateway: 'gw2', namespace: 'tenant-a', exec: fixtureExec('', { stderr: 'boom\n', exitCode: 3 }) }),
      gatewayPod({ gateway: 'denied', namespace: 'tenant-a', fault: 'forbidden' }),
      gatewayPod({ gateway: 'pending', namespace: 'tenant-b', phase: 'Pending' }),
      gatewayPod({ gateway: 'creating', namespace: 'tenant-b', phase: 'Pending', nodeName: 'node-2' }),
      ...haGatewayPods({ gateway: 'ha', namespace: 'tenant-b', exec: fixtureExec('ha\n') }),
      {
        namespace: 'default',
        name: 'web',
        labels: { app: 'web' },
        phase: 'Running',
        ready: true,
        containers: ['nginx'],
      },
    ],
  });
});

afterAll(() => sim.close());

describe('discovery and auth', () => {
  it('reports a version that keeps kubectl on WebSocket exec', async () => {
    const res = await rawRequest(sim, '/version', { token: null });
    expect(res.status).toBe(200);
    expect(Number(res.json().minor)).toBeGreaterThanOrEqual(30);
  });

  it('lists pods and pods/exec in /api/v1 and the five CRDs in /apis/kubeovn.io/v1', async () => {
    const core = (await rawRequest(sim, '/api/v1')).json() as { resources: { name: string; namespaced: boolean }[] };
    expect(core.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['pods', 'pods/exec']));
    const ovn = (await rawRequest(sim, '/apis/kubeovn.io/v1')).json() as {
      resources: { name: string; namespaced: boolean }[];
    };
    expect(ovn.resources.map((r) => r.name)).toEqual([
      'vpc-nat-gateways',
      'iptables-eips',
      'iptables-fip-rules',
      'iptables-dnat-rules',
      'iptables-snat-rules',
    ]);
    expect(ovn.resources.every((r) => !r.namespaced)).toBe(true);
    const groups = (await rawRequest(sim, '/apis')).json() as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual(['kubeovn.io']);
  });

  it('rejects a wrong or missing token with a 401 Status', async () => {
    for (const token of ['nope', null]) {
      const res = await rawRequest(sim, '/api/v1/pods', { token });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
    }
  });

  it('rejects a wrong token on exec before anything else', async () => {
    const res = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['true']), { token: 'nope' });
    expect(res.httpStatus).toBe(401);
  });
});

describe('pods', () => {
  it('answers a missing pod with the real NotFound Status', async () => {
    const res = await rawRequest(sim, '/api/v1/namespaces/kube-system/pods/x');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'pods' },
      code: 404,
    });
  });

  it('filters by label selector across all namespaces and within one', async () => {
    const names = async (path: string) =>
      ((await rawRequest(sim, path)).json() as { items: { metadata: { name: string } }[] }).items.map(
        (p) => p.metadata.name,
      );
    const all = await names('/api/v1/pods?labelSelector=' + encodeURIComponent('ovn.kubernetes.io/vpc-nat-gw=true'));
    expect(all).toHaveLength(7);
    expect(all).not.toContain('web');
    expect(
      await names(
        '/api/v1/namespaces/tenant-a/pods?labelSelector=' + encodeURIComponent('app in (vpc-nat-gw-gw2,web)'),
      ),
    ).toEqual(['vpc-nat-gw-gw2-0']);
    expect(await names('/api/v1/pods?labelSelector=' + encodeURIComponent('!ovn.kubernetes.io/vpc-nat-gw'))).toEqual([
      'web',
    ]);
    expect(await names('/api/v1/namespaces/nowhere/pods')).toEqual([]);
  });

  it('answers a selector the parser rejects with 400 BadRequest', async () => {
    const res = await rawRequest(sim, '/api/v1/pods?labelSelector=' + encodeURIComponent('app in (a'));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest',
      message: "unable to parse requirement: found '', expected: ',' or ')'",
    });
  });

  it('supports field selectors on pod fields and rejects unknown fields', async () => {
    const res = await rawRequest(sim, '/api/v1/pods?fieldSelector=status.phase%3DPending');
    expect((res.json() as { items: unknown[] }).items).toHaveLength(2);
    const bad = await rawRequest(sim, '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    expect(bad.status).toBe(400);
    expect(bad.json().message).toBe('field label not supported: spec.bogus');
  });

  it('pages with limit and continue without losing or repeating pods', async () => {
    const seen: string[] = [];
    let token = '';
    for (let i = 0; i < 10; i++) {
      const body = (await rawRequest(sim, `/api/v1/pods?limit=3${token ? `&continue=${token}` : ''}`)).json() as {
        items: { metadata: { name: string } }[];
        metadata: { continue?: string };
      };
      seen.push(...body.items.map((p) => p.metadata.name));
      if (!body.metadata.continue) break;
      token = body.metadata.continue;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect((await rawRequest(sim, '/api/v1/pods?continue=%%%')).status).toBe(400);
  });

  it('renders a Running pod with ready containers and an unscheduled Pending pod without a node', async () => {
    const running = (await rawRequest(sim, '/api/v1/namespaces/kube-system/pods/vpc-nat-gw-gw1-0')).json() as {
      spec: { nodeName?: string; containers: { name: string }[] };
      status: { phase: string; containerStatuses: { ready: boolean }[] };
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
    };
    expect(running.status.phase).toBe('Running');
    expect(running.status.containerStatuses[0]?.ready).toBe(true);
    expect(running.metadata.labels).toMatchObject({ app: 'vpc-nat-gw-gw1', 'ovn.kubernetes.io/vpc-nat-gw': 'true' });
    expect(running.metadata.annotations['ovn.kubernetes.io/vpc_nat_gw']).toBe('gw1');
    const pending = (await rawRequest(sim, '/api/v1/namespaces/tenant-b/pods/vpc-nat-gw-pending-0')).json() as {
      spec: { nodeName?: string };
      status: { phase: string };
    };
    expect(pending.status.phase).toBe('Pending');
    expect(pending.spec.nodeName).toBeUndefined();
  });

  it('serves a server-side Table when asked, with row metadata for the NAMESPACE column', async () => {
    const res = await rawRequest(sim, '/api/v1/namespaces/tenant-b/pods', {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    const table = res.json() as {
      kind: string;
      rows: { cells: string[]; object: { metadata: { namespace: string } } }[];
    };
    expect(table.kind).toBe('Table');
    const byName = new Map(table.rows.map((r) => [r.cells[0], r]));
    expect(byName.get('vpc-nat-gw-pending-0')?.cells.slice(1, 4)).toEqual(['0/1', 'Pending', '0']);
    expect(byName.get('vpc-nat-gw-creating-0')?.cells[2]).toBe('ContainerCreating');
    expect(table.rows[0]?.object.metadata.namespace).toBe('tenant-b');
  });

  it('changes at runtime: setPod, deletePod', async () => {
    sim.setPod({ namespace: 'default', name: 'extra', phase: 'Running', ready: true, containers: ['c'] });
    expect((await rawRequest(sim, '/api/v1/namespaces/default/pods/extra')).status).toBe(200);
    expect(sim.deletePod('default', 'extra')).toBe(true);
    expect((await rawRequest(sim, '/api/v1/namespaces/default/pods/extra')).status).toBe(404);
    expect(sim.deletePod('default', 'extra')).toBe(false);
  });
});

describe('hostile input', () => {
  it.each([
    '/api/v1/namespaces/%ZZ/pods',
    '/api/v1/namespaces/a%2Fb/pods/c%00d',
    '/api/v1/namespaces/kube-system/pods/' + encodeURIComponent('$(reboot); `id`'),
    '/api/v1/pods?labelSelector=%E0%A4%A&limit=abc',
    '/api/v1/pods?limit=-1&includeObject=All',
    '//api//v1',
    '/api/v1/namespaces/' + 'x'.repeat(300) + '/pods',
    '/apis/kubeovn.io/v1/iptables-eips/../../../../etc/passwd',
  ])('answers %s with a Status, never a crash', async (path) => {
    const res = await rawRequest(sim, path);
    expect(res.status).toBeGreaterThanOrEqual(200);
    if (res.status >= 400) expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', code: res.status });
    expect((await rawRequest(sim, '/version')).status).toBe(200);
  });

  it('refuses writes with MethodNotAllowed', async () => {
    const res = await rawRequest(sim, '/api/v1/namespaces/kube-system/pods/vpc-nat-gw-gw1-0', { method: 'DELETE' });
    expect(res.status).toBe(405);
  });

  it('records every request for assertions', () => {
    expect(sim.requests.some((r) => r.method === 'GET' && r.path === '/api/v1/pods')).toBe(true);
  });

  it('keeps only the latest requests when asked to bound the log', async () => {
    const small = await startKubeSim({ maxRecordedRequests: 2 });
    for (const path of ['/version', '/healthz', '/livez']) await rawRequest(small, path);
    expect(small.requests.map((r) => r.path)).toEqual(['/healthz', '/livez']);
    await small.close();
  });

  it('survives bytes that are not HTTP, over TLS and in plain text', async () => {
    const port = Number(new URL(sim.url).port);
    await new Promise<void>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, ca: sim.caCert }, () =>
        socket.end('\u0000\u0001 GARBAGE / HTTP/9\r\n\r\n'),
      );
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port }, () => socket.end('GET /api HTTP/1.1\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect((await rawRequest(sim, '/api')).status).toBe(200);
  });
});

describe('exec over WebSocket', () => {
  it('speaks v5: a ready frame, stdout and stderr on their channels, a Success status, a normal close', async () => {
    const res = await rawExec(
      sim,
      execPath('kube-system', 'vpc-nat-gw-gw1-0', ['iptables-save'], { container: 'vpc-nat-gw' }),
    );
    expect(res.protocol).toBe('v5.channel.k8s.io');
    expect(res.frames[0]).toEqual({ channel: 1, length: 0 });
    expect(res.stdout).toBe('*nat\nCOMMIT\n');
    expect(res.stderr).toBe('# Warning: legacy\n');
    expect(res.status).toEqual({ metadata: {}, status: 'Success' });
    expect(res.closeCode).toBe(1000);
  });

  it('speaks v4 when that is all the client offers', async () => {
    const res = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x']), {
      protocols: ['v4.channel.k8s.io'],
    });
    expect(res.protocol).toBe('v4.channel.k8s.io');
    expect(res.status?.status).toBe('Success');
  });

  it('refuses protocols it does not speak', async () => {
    const res = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x']), {
      protocols: ['v3.channel.k8s.io'],
    });
    expect(res.httpStatus).toBe(400);
  });

  it('reports a non-zero exit as NonZeroExitCode with the code as an ExitCode cause', async () => {
    const res = await rawExec(sim, execPath('tenant-a', 'vpc-nat-gw-gw2-0', ['false'], { container: 'vpc-nat-gw' }));
    expect(res.stderr).toBe('boom\n');
    expect(res.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('splits large output into frames of at most 32 KiB', async () => {
    const big = 'x'.repeat(100_000);
    sim.setExecHandler(fixtureExec(big), { namespace: 'default', name: 'web' });
    const res = await rawExec(sim, execPath('default', 'web', ['cat']));
    expect(res.stdout).toBe(big);
    expect(Math.max(...res.frames.map((f) => f.length))).toBe(32 * 1024);
  });

  it('passes stdin to the handler and ends it on the v5 close frame', async () => {
    sim.setExecHandler(
      async (req) => {
        let text = '';
        for await (const chunk of req.stdin ?? []) text += String(chunk);
        return { stdout: text.toUpperCase() };
      },
      { namespace: 'default', name: 'web' },
    );
    const res = await rawExec(sim, execPath('default', 'web', ['tr'], { stdin: 'true' }), {
      stdin: 'hello',
      closeStdin: true,
    });
    expect(res.stdout).toBe('HELLO');
  });

  it('chooses the answer by argv with execByCommand', async () => {
    sim.setExecHandler(
      execByCommand([{ when: (c) => c[0] === 'iptables-legacy-save', answer: { stdout: 'legacy' } }]),
      { namespace: 'default', name: 'web' },
    );
    expect((await rawExec(sim, execPath('default', 'web', ['iptables-legacy-save']))).stdout).toBe('legacy');
    const missing = await rawExec(sim, execPath('default', 'web', ['nft']));
    expect(missing.status).toMatchObject({ details: { causes: [{ message: '126' }] } });
  });

  it('validates the container like the real server', async () => {
    const unknown = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x'], { container: 'nope' }));
    expect(unknown.httpStatus).toBe(400);
    expect(JSON.parse(unknown.httpBody ?? '{}').message).toBe('container nope is not valid for pod vpc-nat-gw-gw1-0');
    const ha = sim.listPods().find((p) => p.namespace === 'tenant-b' && p.name.startsWith('vpc-nat-gw-ha-')) as {
      name: string;
    };
    const none = await rawExec(sim, execPath('tenant-b', ha.name, ['x']));
    expect(none.httpStatus).toBe(400);
    expect(JSON.parse(none.httpBody ?? '{}').message).toBe(
      `a container name must be specified for pod ${ha.name}, choose one of: [bfdd vpc-nat-gw]`,
    );
    const single = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x']));
    expect(single.status?.status).toBe('Success');
  });

  it('forbids exec with the authorizer wording, naming the verb by HTTP method', async () => {
    const res = await rawExec(sim, execPath('tenant-a', 'vpc-nat-gw-denied-0', ['x'], { container: 'vpc-nat-gw' }));
    expect(res.httpStatus).toBe(403);
    expect(JSON.parse(res.httpBody ?? '{}')).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message:
        'pods "vpc-nat-gw-denied-0" is forbidden: User "system:serviceaccount:natscope:natscope" cannot get resource "pods/exec" in API group "" in the namespace "tenant-a"',
    });
    const post = await rawRequest(sim, execPath('tenant-a', 'vpc-nat-gw-denied-0', ['x']), { method: 'POST' });
    expect(post.status).toBe(403);
    expect(post.json().message).toContain('cannot create resource "pods/exec"');
  });

  it('fails exec into an unscheduled pod with 400 and into a not-running one with a status', async () => {
    const unscheduled = await rawExec(sim, execPath('tenant-b', 'vpc-nat-gw-pending-0', ['x']));
    expect(unscheduled.httpStatus).toBe(400);
    expect(JSON.parse(unscheduled.httpBody ?? '{}').message).toBe(
      'pod vpc-nat-gw-pending-0 does not have a host assigned',
    );
    const creating = await rawExec(sim, execPath('tenant-b', 'vpc-nat-gw-creating-0', ['x']));
    expect(creating.status).toMatchObject({ status: 'Failure', reason: 'InternalError' });
    expect(String(creating.status?.message)).toContain('container not found ("vpc-nat-gw")');
  });

  it('answers a plain or SPDY exec request with the same checks and then a 400', async () => {
    const plain = await rawRequest(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x']), { method: 'POST' });
    expect(plain.status).toBe(400);
    expect(plain.json().message).toBe('Upgrade request required');
    const missing = await rawRequest(sim, execPath('kube-system', 'nope', ['x']), { method: 'POST' });
    expect(missing.status).toBe(404);
  });

  it('rejects an exec without a command or without any stream', async () => {
    const noCommand = await rawExec(sim, '/api/v1/namespaces/kube-system/pods/vpc-nat-gw-gw1-0/exec?stdout=true');
    expect(JSON.parse(noCommand.httpBody ?? '{}').message).toBe('you must specify at least 1 command');
    const noStream = await rawExec(
      sim,
      execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x'], { stdout: 'false', stderr: 'false' }),
    );
    expect(JSON.parse(noStream.httpBody ?? '{}').message).toBe(
      'you must specify at least one of stdin, stdout, stderr',
    );
    const badBool = await rawExec(sim, execPath('kube-system', 'vpc-nat-gw-gw1-0', ['x'], { tty: 'maybe' }));
    expect(badBool.httpStatus).toBe(400);
  });
});

describe('exec faults', () => {
  const faulty = (fault: Parameters<typeof gatewayPod>[0]['fault'], exec = fixtureExec('0123456789')) =>
    sim.setPod(gatewayPod({ gateway: 'faulty', namespace: 'faults', fault, exec }));
  const run = (timeoutMs = 2000) =>
    rawExec(sim, execPath('faults', 'vpc-nat-gw-faulty-0', ['x'], { container: 'vpc-nat-gw' }), { timeoutMs });

  it('hangs: the socket opens and nothing ever arrives', async () => {
    faulty('hang');
    const res = await run(500);
    expect(res.protocol).toBe('v5.channel.k8s.io');
    expect(res.frames).toEqual([]);
    expect(res.timedOut).toBe(true);
  });

  it('drops: part of stdout, then the connection is cut without status or close frame', async () => {
    faulty('drop');
    const res = await run();
    expect(res.stdout).toBe('01234');
    expect(res.status).toBeUndefined();
    expect(res.closeCode).toBe(1006);
  });

  it('is slow: the answer arrives after the delay', async () => {
    faulty({ delayMs: 300 });
    const started = Date.now();
    const res = await run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.stdout).toBe('0123456789');
  });

  it('prints garbage with exit 0, or fails with a chosen exit code', async () => {
    faulty('garbage');
    const garbage = await run();
    expect(garbage.status?.status).toBe('Success');
    expect(garbage.stdout).not.toMatch(/^\*nat\n/);
    faulty({ exitCode: 2, stderr: 'nat gateway not initialized\n' });
    const failed = await run();
    expect(failed.stderr).toBe('nat gateway not initialized\n');
    expect(failed.status).toMatchObject({ details: { causes: [{ message: '2' }] } });
  });

  it('reports a handler that throws as an InternalError status', async () => {
    faulty(undefined, () => {
      throw new Error('runtime exploded');
    });
    const res = await run();
    expect(res.status).toMatchObject({ reason: 'InternalError' });
    expect(String(res.status?.message)).toContain('runtime exploded');
  });
});

describe('kubeovn.io CRDs', () => {
  it('derives one VpcNatGateway per gateway in the pods until CRs are set', async () => {
    const body = (await rawRequest(sim, '/apis/kubeovn.io/v1/vpc-nat-gateways')).json() as {
      kind: string;
      items: { kind: string; metadata: { name: string }; spec: { namespace: string } }[];
    };
    expect(body.kind).toBe('VpcNatGatewayList');
    expect(body.items.map((i) => i.metadata.name)).toEqual(expect.arrayContaining(['gw1', 'gw2', 'ha']));
    expect(body.items.find((i) => i.metadata.name === 'gw2')?.spec.namespace).toBe('tenant-a');
    expect(body.items[0]?.kind).toBe('VpcNatGateway');
  });

  it('serves explicit CRs, by name and by label, cluster-scoped', async () => {
    sim.setCrds(
      gatewayCrds({
        gateway: 'gw1',
        eips: [{ name: 'eip-fip', v4ip: '192.168.100.11' }],
        fips: [{ name: 'fip01', eip: 'eip-fip', internalIp: '10.0.1.5' }],
      }),
    );
    const fip = (await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-fip-rules/fip01')).json() as {
      metadata: { labels: Record<string, string> };
      status: { v4ip: string };
    };
    expect(fip.status.v4ip).toBe('192.168.100.11');
    expect(fip.metadata.labels['ovn.kubernetes.io/vpc-nat-gw-name']).toBe('gw1');
    const byLabel = (
      await rawRequest(
        sim,
        '/apis/kubeovn.io/v1/iptables-fip-rules?labelSelector=ovn.kubernetes.io%2Feip_v4_ip%3D192.168.100.11',
      )
    ).json() as {
      items: unknown[];
    };
    expect(byLabel.items).toHaveLength(1);
    const missing = await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-eips/nope');
    expect(missing.json()).toMatchObject({ code: 404, message: 'iptables-eips.kubeovn.io "nope" not found' });
    expect((await rawRequest(sim, '/apis/kubeovn.io/v1/namespaces/x/iptables-eips')).status).toBe(404);
  });

  it("serves no part of the group without its CRDs: not in /apis, and Go's plain 404 page on its paths", async () => {
    sim.setCrdsInstalled(false);
    try {
      expect(((await rawRequest(sim, '/apis')).json() as { groups: unknown[] }).groups).toEqual([]);
      for (const path of [
        '/apis/kubeovn.io',
        '/apis/kubeovn.io/v1',
        '/apis/kubeovn.io/v1/iptables-eips',
        '/apis/kubeovn.io/v1/iptables-eips/eip-fip',
      ]) {
        const res = await rawRequest(sim, path);
        expect({ path, status: res.status, contentType: res.contentType, text: res.text }).toEqual({
          path,
          status: 404,
          contentType: 'text/plain; charset=utf-8',
          text: '404 page not found\n',
        });
      }
    } finally {
      sim.setCrdsInstalled(true);
    }
    expect((await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-eips')).status).toBe(200);
  });

  it('answers a forbidden get with the name in the message and the details', async () => {
    sim.setForbiddenCrds(['iptables-eips']);
    try {
      const res = await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-eips/eip-fip');
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({
        reason: 'Forbidden',
        message:
          'iptables-eips.kubeovn.io "eip-fip" is forbidden: User "system:serviceaccount:natscope:natscope" cannot get resource "iptables-eips" in API group "kubeovn.io" at the cluster scope',
        details: { name: 'eip-fip', group: 'kubeovn.io', kind: 'iptables-eips' },
      });
      expect((await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-fip-rules')).status).toBe(200);
    } finally {
      sim.setForbiddenCrds([]);
    }
  });
});

describe('kubeovn.io object metadata', () => {
  interface Served {
    metadata: {
      name: string;
      uid: string;
      resourceVersion: string;
      generation: number;
      creationTimestamp: string;
      finalizers?: string[];
    };
  }
  const list = async (s: KubeSim, plural: string): Promise<{ rv: string; items: Map<string, Served['metadata']> }> => {
    const body = (await rawRequest(s, `/apis/kubeovn.io/v1/${plural}`)).json() as {
      metadata: { resourceVersion: string };
      items: Served[];
    };
    return { rv: body.metadata.resourceVersion, items: new Map(body.items.map((i) => [i.metadata.name, i.metadata])) };
  };
  const eips = (second: string, ready = true) =>
    gatewayCrds({
      gateway: 'gw1',
      eips: [
        { name: 'eip-a', v4ip: '192.168.100.10' },
        { name: 'eip-b', v4ip: second, ready },
      ],
    });

  it('serves every page of a paged list from its first page, as the API server serves one revision', async () => {
    const spec = (ip: string) =>
      gatewayCrds({ gateway: 'gw1', eips: [1, 2, 3, 4, 5].map((n) => ({ name: `eip-${n}`, v4ip: `${ip}.${n}` })) });
    const own = await startKubeSim({ pods: [], crds: spec('192.168.100') });
    try {
      type Page = {
        metadata: { resourceVersion: string; continue?: string };
        items: { metadata: { name: string }; spec: { v4ip: string } }[];
      };
      const page = async (token?: string) =>
        (
          await rawRequest(own, `/apis/kubeovn.io/v1/iptables-eips?limit=2${token ? `&continue=${token}` : ''}`)
        ).json() as Page;
      const first = await page();
      own.setCrds(spec('192.168.200'));
      const second = await page(first.metadata.continue);
      const third = await page(second.metadata.continue);
      expect([first, second, third].flatMap((p) => p.items.map((i) => `${i.metadata.name} ${i.spec.v4ip}`))).toEqual(
        [1, 2, 3, 4, 5].map((n) => `eip-${n} 192.168.100.${n}`),
      );
      expect(new Set([first, second, third].map((p) => p.metadata.resourceVersion)).size).toBe(1);
      expect(third.metadata.continue).toBeUndefined();
      // A new list sees the change.
      expect((await page()).items.map((i) => i.spec.v4ip)).toEqual(['192.168.200.1', '192.168.200.2']);
    } finally {
      await own.close();
    }
  });

  it("gives each object its own resourceVersion, moved only by a change of that object, not by a pod's", async () => {
    const own = await startKubeSim({ pods: [gatewayPod({ gateway: 'gw1' })], crds: eips('192.168.100.11') });
    try {
      const first = await list(own, 'iptables-eips');
      own.setPod(gatewayPod({ gateway: 'gw1', restartCount: 1 }));
      const afterPod = await list(own, 'iptables-eips');
      expect(afterPod.items).toEqual(first.items);
      expect(Number(afterPod.rv)).toBeGreaterThan(Number(first.rv));

      own.setCrds(eips('192.168.100.11', false));
      const afterStatus = await list(own, 'iptables-eips');
      expect(afterStatus.items.get('eip-a')).toEqual(first.items.get('eip-a'));
      const [before, after] = [first.items.get('eip-b'), afterStatus.items.get('eip-b')];
      expect(Number(after?.resourceVersion)).toBeGreaterThan(Number(before?.resourceVersion));
      // A status change leaves generation alone; uid and creation time never move.
      expect(after).toMatchObject({ uid: before?.uid, creationTimestamp: before?.creationTimestamp, generation: 1 });

      own.setCrds(eips('192.168.100.12', false));
      expect((await list(own, 'iptables-eips')).items.get('eip-b')).toMatchObject({ uid: before?.uid, generation: 2 });
    } finally {
      await own.close();
    }
  });

  it('versions the derived VpcNatGateways the same way, and gives an object created again a new uid', async () => {
    const own = await startKubeSim({ pods: [gatewayPod({ gateway: 'gw1' }), gatewayPod({ gateway: 'gw2' })] });
    try {
      const first = await list(own, 'vpc-nat-gateways');
      own.setPod(gatewayPod({ gateway: 'gw2', restartCount: 3 }));
      expect((await list(own, 'vpc-nat-gateways')).items).toEqual(first.items);
      own.setPod(gatewayPod({ gateway: 'gw2', phase: 'Pending' }));
      const pending = (await list(own, 'vpc-nat-gateways')).items;
      expect(pending.get('gw1')).toEqual(first.items.get('gw1'));
      expect(pending.get('gw2')?.resourceVersion).not.toBe(first.items.get('gw2')?.resourceVersion);

      own.setCrds(eips('192.168.100.11'));
      const uid = (await list(own, 'iptables-eips')).items.get('eip-b')?.uid;
      own.setCrds({ 'iptables-eips': [] });
      own.setCrds(eips('192.168.100.11'));
      expect((await list(own, 'iptables-eips')).items.get('eip-b')?.uid).not.toBe(uid);
    } finally {
      await own.close();
    }
  });

  it('serves the controller finalizer, labels and status that gatewayCrds writes', async () => {
    sim.setCrds(
      gatewayCrds({
        gateway: 'gw1',
        eips: [{ name: 'eip-1', v4ip: '192.168.100.11' }],
        fips: [{ name: 'fip-1', eip: 'eip-1', internalIp: '10.0.1.5' }],
        dnats: [
          {
            name: 'dnat-1',
            eip: 'eip-1',
            protocol: 'tcp',
            externalPort: 2222,
            internalIp: '10.0.1.6',
            internalPort: 22,
            ready: false,
          },
        ],
      }),
    );
    const eip = (await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-eips/eip-1')).json();
    expect(eip).toMatchObject({
      metadata: {
        finalizers: ['kubeovn.io/kube-ovn-controller'],
        labels: { 'ovn.kubernetes.io/vpc-nat-gw-name': 'gw1', 'ovn.kubernetes.io/eip_v4_ip': '192.168.100.11' },
      },
      spec: { v4ip: '192.168.100.11', natGwDp: 'gw1' },
      status: { ip: '192.168.100.11', ready: true, nat: 'dnat,fip', redo: '' },
    });
    const dnat = (await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-dnat-rules/dnat-1')).json();
    expect(dnat).toMatchObject({
      metadata: {
        labels: { 'ovn.kubernetes.io/vpc_dnat_eport': '2222' },
        annotations: { 'ovn.kubernetes.io/vpc_eip': 'eip-1' },
      },
      status: { ready: false, v4ip: '192.168.100.11', natGwDp: 'gw1', externalPort: '2222', internalPort: '22' },
    });
  });

  it('serves an update the controller has not applied: spec as changed, labels and status as programmed, generation 2', async () => {
    sim.setCrds(
      gatewayCrds({
        gateway: 'gw1',
        eips: [{ name: 'eip-1', v4ip: '192.168.100.11' }],
        dnats: [
          {
            name: 'dnat-moved',
            eip: 'eip-1',
            protocol: 'tcp',
            externalPort: 8443,
            internalIp: '10.0.1.20',
            internalPort: 443,
            ready: false,
            applied: { externalPort: 9443, internalIp: '10.0.1.7' },
          },
        ],
      }),
    );
    const dnat = (await rawRequest(sim, '/apis/kubeovn.io/v1/iptables-dnat-rules/dnat-moved')).json();
    expect(dnat).toMatchObject({
      metadata: { generation: 2, labels: { 'ovn.kubernetes.io/vpc_dnat_eport': '9443' } },
      spec: { externalPort: '8443', internalIp: '10.0.1.20', internalPort: '443' },
      status: {
        ready: false,
        externalPort: '9443',
        internalIp: '10.0.1.7',
        internalPort: '443',
        v4ip: '192.168.100.11',
      },
    });
  });

  it('labels a VpcNatGateway as updateCrdNatGwLabels does, QoS label included when it has no policy', async () => {
    sim.setCrds(gatewayCrds({ gateway: 'gw1', vpc: 'vpc7', subnet: 'net7' }));
    const gw = (await rawRequest(sim, '/apis/kubeovn.io/v1/vpc-nat-gateways/gw1')).json();
    expect(gw).toMatchObject({
      metadata: {
        labels: { 'ovn.kubernetes.io/subnet': 'net7', 'ovn.kubernetes.io/vpc': 'vpc7', 'ovn.kubernetes.io/qos': '' },
        finalizers: ['kubeovn.io/kube-ovn-controller'],
      },
      status: { qosPolicy: '', ready: true, workload: { kind: 'StatefulSet', name: 'vpc-nat-gw-gw1' } },
    });
  });
});
