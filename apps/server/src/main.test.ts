import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayList } from '@natscope/api';
import { bundle, SERVER_NODE_FLAGS } from '../build.js';
import { freePort } from './test-support/free-port.js';

// main.ts as a real process: one-line config errors with exit 2, and a clean start and stop.

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const CWD = fileURLToPath(new URL('..', import.meta.url));

type Started = { child: ChildProcess; output: () => { stdout: string; stderr: string }; exit: Promise<number | null> };

/** Runs the server: src/main.ts under tsx, or a bundle's main.js on plain node as `npm start` does. */
function start(args: string[], env: Record<string, string> = {}, entry: string | null = null): Started {
  const child = spawn(
    process.execPath,
    [...(entry ? [...SERVER_NODE_FLAGS, entry] : ['--import', 'tsx', MAIN]), ...args],
    {
      cwd: CWD,
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

/** Starts the demo server, checks it answers, stops it with SIGTERM and expects a clean, quick exit. */
async function serveDemoThenStop(entry: string | null): Promise<void> {
  const port = await freePort();
  const p = start(['--port', String(port), '--exec-timeout-seconds', '1'], {}, entry);
  try {
    const deadline = Date.now() + 25_000;
    while (!p.output().stderr.includes('natscope: serving') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(p.output().stderr).toContain(`natscope: serving http://127.0.0.1:${port}/ (source demo, context demo)`);
    const health = await fetch(`http://127.0.0.1:${port}/api/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Read and analysed (in the analysis worker, which a bundle must ship too): no gateway pending, most ok.
    let list = GatewayList.parse(await (await fetch(`http://127.0.0.1:${port}/api/gateways`)).json());
    expect(list.source).toBe('demo');
    while ((list.gateways.length === 0 || list.gateways.some((g) => g.status === 'pending')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      list = GatewayList.parse(await (await fetch(`http://127.0.0.1:${port}/api/gateways`)).json());
    }
    const tenant = list.gateways.find((g) => g.name === 'tenant-a');
    expect(tenant, JSON.stringify(tenant?.error)).toMatchObject({
      status: 'ok',
      backend: 'legacy',
      counts: { fip: 1 },
    });
    const t0 = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(p.output().stderr).toContain('natscope: SIGTERM, shutting down');
  } finally {
    p.child.kill('SIGKILL');
  }
}

describe('main', () => {
  it.each([
    [['--port', 'abc'], {}, 'natscope: invalid --port "abc": must be a number\n'],
    [[], { PORT: '99999' }, 'natscope: invalid PORT "99999": must be at most 65535\n'],
    [[], { NATSCOPE_CONCURRENCY: 'lots' }, 'natscope: invalid NATSCOPE_CONCURRENCY "lots": must be a number\n'],
    [[], { KUBECONFIG: '/nonexistent/config' }, 'natscope: invalid KUBECONFIG "/nonexistent/config": no such file\n'],
  ])(
    'stops on a bad setting with one line and exit 2: %j %j',
    async (args, env, line) => {
      const p = start(args, env);
      expect(await p.exit).toBe(2);
      expect(p.output().stderr).toBe(line);
      expect(p.output().stdout).toBe('');
    },
    30_000,
  );

  it('stops with one line and exit 1 when its data dir cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natscope-main-'));
    try {
      writeFileSync(join(dir, 'a-file'), '');
      const dataDir = join(dir, 'a-file', 'state');
      const p = start(['--source', 'demo', '--port', '8999', '--data-dir', dataDir]);
      expect(await p.exit).toBe(1);
      expect(p.output().stderr).toBe(
        `natscope: cannot write the data dir ${dataDir} (ENOTDIR): set NATSCOPE_DATA_DIR or --data-dir to a folder natscope may write\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('prints its usage on --help', async () => {
    const p = start(['--help']);
    expect(await p.exit).toBe(0);
    expect(p.output().stdout).toContain('--exec-timeout-seconds N    [NATSCOPE_EXEC_TIMEOUT_SECONDS]');
  }, 30_000);

  it('serves the demo on 127.0.0.1 and shuts down cleanly on SIGTERM', async () => {
    await serveDemoThenStop(null);
  }, 40_000);

  it('runs the same from the bundle that npm start builds', async () => {
    const outdir = fileURLToPath(new URL(`../dist/test-${process.pid}/`, import.meta.url));
    try {
      await bundle(MAIN, outdir);
      await serveDemoThenStop(`${outdir}main.js`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is started by npm start with the node flags the bundle is tested with', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: { start: string };
    };
    expect(pkg.scripts.start).toContain(`exec node ${SERVER_NODE_FLAGS.join(' ')} dist/server/main.js`);
  });

  it('says so in one line when the port is taken', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    try {
      const p = start(['--port', String(port), '--source', 'demo']);
      expect(await p.exit).toBe(1);
      expect(p.output().stderr).toBe(`natscope: cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`);
    } finally {
      await new Promise((r) => s.close(r));
    }
  }, 30_000);
});
