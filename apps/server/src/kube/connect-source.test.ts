import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeSim, type KubeSim } from '@natscope/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { connectSource, type ConnectEnv } from './connect-source.js';

let sim: KubeSim;
let dir: string;
let demoStarts = 0;

const startDemo: ConnectEnv['startDemo'] = async () => {
  demoStarts++;
  return { kubeconfig: sim.kubeconfig, close: async () => undefined };
};

function config(env: Record<string, string>): Config {
  const r = loadConfig([], env);
  if (r.kind !== 'config') throw new Error('no config');
  return r.config;
}

beforeAll(async () => {
  sim = await startKubeSim({ pods: [] });
  dir = mkdtempSync(join(tmpdir(), 'natscope-connect-'));
  await sim.writeKubeconfig(join(dir, 'kubeconfig'));
  mkdirSync(join(dir, 'home', '.kube'), { recursive: true });
  await sim.writeKubeconfig(join(dir, 'home', '.kube', 'config'));
  mkdirSync(join(dir, 'empty-home'));
  writeFileSync(join(dir, 'broken'), 'apiVersion: v1\nclusters: [unclosed\n');
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('connectSource', () => {
  it('uses KUBECONFIG when it is set, reporting its context', async () => {
    const s = await connectSource(config({ KUBECONFIG: join(dir, 'kubeconfig') }), {
      env: {},
      home: join(dir, 'empty-home'),
      startDemo,
    });
    expect(s.source).toBe('kubernetes');
    expect(s.context).not.toBe('');
    await expect(s.client.listPods({ namespaces: [], selector: '', timeoutMs: 5000 })).resolves.toEqual([]);
    await s.close();
  });

  it('falls back to ~/.kube/config', async () => {
    const s = await connectSource(config({}), { env: {}, home: join(dir, 'home'), startDemo });
    expect(s.source).toBe('kubernetes');
  });

  it('starts the built-in demo when no cluster is configured', async () => {
    const before = demoStarts;
    const s = await connectSource(config({}), { env: {}, home: join(dir, 'empty-home'), startDemo });
    expect(s).toMatchObject({ source: 'demo', context: 'demo' });
    expect(demoStarts).toBe(before + 1);
    await s.close();
  });

  it('uses the demo when asked, even with a kubeconfig around', async () => {
    const s = await connectSource(config({ NATSCOPE_SOURCE: 'demo', KUBECONFIG: join(dir, 'kubeconfig') }), {
      env: {},
      home: join(dir, 'home'),
      startDemo,
    });
    expect(s.source).toBe('demo');
  });

  it.each([
    [{ KUBECONFIG: '/nonexistent/kubeconfig' }, 'invalid KUBECONFIG "/nonexistent/kubeconfig": no such file'],
    [{ NATSCOPE_SOURCE: 'kubernetes' }, 'invalid NATSCOPE_SOURCE "kubernetes": no cluster configured'],
  ])('stops with one line when the configured cluster cannot be used: %j', async (env, message) => {
    const err = await connectSource(config(env), { env: {}, home: join(dir, 'empty-home'), startDemo }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });

  it('names a kubeconfig it cannot read', async () => {
    const err = await connectSource(config({ KUBECONFIG: join(dir, 'broken') }), {
      env: {},
      home: join(dir, 'empty-home'),
      startDemo,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^invalid KUBECONFIG ".*broken": /);
    expect((err as Error).message).not.toContain('\n');
  });
});
