import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, loadConfig, type Config } from './config.js';

function config(argv: string[], env: Record<string, string> = {}): Config {
  const r = loadConfig(argv, env);
  if (r.kind !== 'config') throw new Error('expected a config');
  return r.config;
}

function errorOf(argv: string[], env: Record<string, string> = {}): string {
  try {
    loadConfig(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the defaults of Contract 3 when nothing is set', () => {
    expect(config([])).toEqual({
      port: 8080,
      host: '127.0.0.1',
      source: 'auto',
      kubeconfig: null,
      namespaces: [],
      selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
      pollSeconds: 10,
      execTimeoutSeconds: 10,
      concurrency: 8,
      webDist: null,
      dataDir: null,
      retentionDays: 14,
      retentionMb: null,
    });
  });

  it('reads where history is kept and for how long', () => {
    expect(
      config(['--data-dir', '/var/lib/natscope'], { NATSCOPE_RETENTION_DAYS: '3', NATSCOPE_RETENTION_MB: '500' }),
    ).toMatchObject({ dataDir: '/var/lib/natscope', retentionDays: 3, retentionMb: 500 });
    expect(errorOf([], { NATSCOPE_RETENTION_DAYS: '0' })).toBe(
      'invalid NATSCOPE_RETENTION_DAYS "0": must be greater than 0',
    );
  });

  it('keeps history under XDG_STATE_HOME, else under ~/.local/state', () => {
    expect(defaultDataDir({ XDG_STATE_HOME: '/srv/state' }, '/home/a')).toBe('/srv/state/natscope');
    expect(defaultDataDir({ XDG_STATE_HOME: 'relative' }, '/home/a')).toBe('/home/a/.local/state/natscope');
    expect(defaultDataDir({}, '/home/a')).toBe('/home/a/.local/state/natscope');
  });

  it('reads every setting from the environment', () => {
    const c = config([], {
      PORT: '9090',
      HOST: '0.0.0.0',
      NATSCOPE_SOURCE: 'demo',
      KUBECONFIG: '/tmp/kc',
      NATSCOPE_NAMESPACES: 'kube-system, tenant-b',
      NATSCOPE_SELECTOR: 'app in (vpc-nat-gw-a,vpc-nat-gw-b),!skip',
      NATSCOPE_POLL_SECONDS: '30',
      NATSCOPE_EXEC_TIMEOUT_SECONDS: '2.5',
      NATSCOPE_CONCURRENCY: '16',
    });
    expect(c).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      source: 'demo',
      kubeconfig: '/tmp/kc',
      namespaces: ['kube-system', 'tenant-b'],
      selector: 'app in (vpc-nat-gw-a,vpc-nat-gw-b),!skip',
      pollSeconds: 30,
      execTimeoutSeconds: 2.5,
      concurrency: 16,
    });
  });

  it('lets a flag win over the environment variable of the same meaning', () => {
    const c = config(['--port', '7000', '--concurrency=4', '--source', 'kubernetes'], {
      PORT: '9090',
      NATSCOPE_CONCURRENCY: '2',
    });
    expect(c.port).toBe(7000);
    expect(c.concurrency).toBe(4);
    expect(c.source).toBe('kubernetes');
  });

  it('treats an empty variable as unset', () => {
    expect(config([], { PORT: '' }).port).toBe(8080);
  });

  it.each([
    [['--port', 'abc'], {}, 'invalid --port "abc": must be a number'],
    [[], { PORT: '0x1F90' }, 'invalid PORT "0x1F90": must be a number'],
    [[], { NATSCOPE_CONCURRENCY: '1e1' }, 'invalid NATSCOPE_CONCURRENCY "1e1": must be a number'],
    [[], { PORT: '70000' }, 'invalid PORT "70000": must be at most 65535'],
    [[], { PORT: '0' }, 'invalid PORT "0": must be at least 1'],
    [[], { PORT: '80.5' }, 'invalid PORT "80.5": must be a whole number'],
    [[], { NATSCOPE_SOURCE: 'cluster' }, 'invalid NATSCOPE_SOURCE "cluster": must be one of auto, kubernetes, demo'],
    [[], { NATSCOPE_CONCURRENCY: '0' }, 'invalid NATSCOPE_CONCURRENCY "0": must be at least 1'],
    [[], { NATSCOPE_EXEC_TIMEOUT_SECONDS: '0' }, 'invalid NATSCOPE_EXEC_TIMEOUT_SECONDS "0": must be greater than 0'],
    [[], { NATSCOPE_POLL_SECONDS: 'soon' }, 'invalid NATSCOPE_POLL_SECONDS "soon": must be a number'],
    [
      [],
      { NATSCOPE_NAMESPACES: 'kube-system,Bad_NS' },
      'invalid NATSCOPE_NAMESPACES "kube-system,Bad_NS": "Bad_NS" is not a Kubernetes namespace name',
    ],
    [[], { HOST: 'a b' }, 'invalid HOST "a b": must be a host name or an IP address'],
  ] as [string[], Record<string, string>, string][])(
    'stops on a bad value with one line naming it: %j %j',
    (argv, env, message) => {
      const m = errorOf(argv, env);
      expect(m).toBe(message);
      expect(m).not.toContain('\n');
    },
  );

  it('rejects a selector that is not a label selector', () => {
    expect(errorOf(['--selector', 'app in (a'])).toMatch(
      /^invalid --selector "app in \(a": must be a Kubernetes label selector/,
    );
  });

  it('rejects an unknown flag with one line', () => {
    const m = errorOf(['--prot', '80']);
    expect(m).toMatch(/Unknown option '--prot'.*\(see --help\)$/);
    expect(m).not.toContain('\n');
  });

  it('asks for the usage text on --help', () => {
    expect(loadConfig(['--help'], {})).toEqual({ kind: 'help' });
  });
});
