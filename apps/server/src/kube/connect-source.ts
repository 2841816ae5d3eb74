import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { GatewayList } from '@natscope/api';
import { ConfigError, type Config } from '../config.js';
import { KubeClient } from './kube-client.js';

/** Where the in-cluster service account's token lives. */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** A cluster to read, ready to use. */
export interface ConnectedSource {
  source: GatewayList['source'];
  /** The kubeconfig context, 'in-cluster' or 'demo'. */
  context: string;
  client: KubeClient;
  /** Releases what connecting started (the demo's embedded API server). */
  close(): Promise<void>;
}

/** What connecting may look at besides the config: the environment, the home folder and a demo starter. */
export interface ConnectEnv {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Starts the built-in demo cluster and returns its kubeconfig (YAML) and a way to stop it. */
  startDemo: () => Promise<{ kubeconfig: string; close: () => Promise<void> }>;
}

/**
 * Picks the gateway source. `auto`: KUBECONFIG (flag or env), else ~/.kube/config, else the in-cluster service
 * account, else the demo. `kubernetes` requires one of the first three. `demo` always uses the demo.
 * Problems with a configured cluster (a missing or unreadable kubeconfig) are ConfigErrors: one line, exit 2.
 */
export async function connectSource(config: Config, ctx: ConnectEnv): Promise<ConnectedSource> {
  if (config.source === 'demo') return connectDemo(ctx);
  const kc = new KubeConfig();
  const home = join(ctx.home, '.kube', 'config');
  const inCluster = Boolean(ctx.env.KUBERNETES_SERVICE_HOST) && existsSync(SERVICE_ACCOUNT_TOKEN);
  let context: string;
  if (config.kubeconfig) {
    const files = config.kubeconfig.split(':').filter((f) => f !== '');
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length === files.length) {
      throw new ConfigError(`invalid KUBECONFIG ${JSON.stringify(config.kubeconfig)}: no such file`);
    }
    context = load(
      kc,
      () => {
        // client-node merges a ':'-separated list the way kubectl does only through loadFromDefault.
        if (files.length === 1) kc.loadFromFile(files[0] as string);
        else loadList(kc, config.kubeconfig as string);
      },
      config.kubeconfig,
    );
  } else if (existsSync(home)) {
    context = load(kc, () => kc.loadFromFile(home), home);
  } else if (inCluster) {
    kc.loadFromCluster();
    context = 'in-cluster';
  } else if (config.source === 'kubernetes') {
    throw new ConfigError(
      'invalid NATSCOPE_SOURCE "kubernetes": no cluster configured (no KUBECONFIG, no ~/.kube/config, not running in a pod with a service account)',
    );
  } else {
    return connectDemo(ctx);
  }
  const client = new KubeClient(kc);
  return {
    source: 'kubernetes',
    context,
    client,
    close: async () => undefined,
  };
}

function load(kc: KubeConfig, fn: () => void, where: string): string {
  try {
    fn();
  } catch (err) {
    throw new ConfigError(`invalid KUBECONFIG ${JSON.stringify(where)}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!kc.getCurrentCluster()) {
    throw new ConfigError(`invalid KUBECONFIG ${JSON.stringify(where)}: its current context names no cluster`);
  }
  return kc.getCurrentContext() || '(default)';
}

function loadList(kc: KubeConfig, list: string): void {
  const saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = list;
  try {
    kc.loadFromDefault();
  } finally {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
  }
}

async function connectDemo(ctx: ConnectEnv): Promise<ConnectedSource> {
  const demo = await ctx.startDemo();
  const client = KubeClient.fromKubeconfig(demo.kubeconfig);
  return {
    source: 'demo',
    context: 'demo',
    client,
    close: () => demo.close(),
  };
}
