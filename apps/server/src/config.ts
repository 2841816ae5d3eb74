import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isLabelSelector, KubeName } from '@natscope/api';

/** Where gateways come from: a real cluster, the built-in demo, or whichever is available. */
export type SourceChoice = 'auto' | 'kubernetes' | 'demo';

/** The server's validated configuration (Contract 3). */
export interface Config {
  port: number;
  host: string;
  source: SourceChoice;
  /** KUBECONFIG as given (may be a ':'-separated list); null when unset. */
  kubeconfig: string | null;
  /** Empty means every namespace. */
  namespaces: string[];
  selector: string;
  pollSeconds: number;
  execTimeoutSeconds: number;
  concurrency: number;
  /** Where the built web app lives. */
  webDist: string | null;
  /** Where the history database lives; null: the default (`defaultDataDir`, or the demo's own folder). */
  dataDir: string | null;
  /** History older than this many days is pruned. */
  retentionDays: number;
  /** History is pruned, oldest first, to stay under this many MB; null: no limit but age. */
  retentionMb: number | null;
}

/** A bad setting: `message` is the one line printed before exiting with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Each setting: its flag, the environment variable with the same meaning, and its schema. */
/**
 * A number written in decimal, then checked by `inner`. Not z.coerce.number(): it reads `0x1F90` as 8080, `1e3` as
 * 1000 and an empty value as 0, so a typo would start the server on a port nobody asked for.
 */
function decimal(inner: z.ZodNumber) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(inner);
}

const SETTINGS = {
  port: { flag: 'port', env: 'PORT', schema: decimal(z.number().int().min(1).max(65535)), fallback: '8080' },
  host: {
    flag: 'host',
    env: 'HOST',
    schema: z.string().regex(/^[A-Za-z0-9.:_-]{1,253}$/, 'must be a host name or an IP address'),
    fallback: '127.0.0.1',
  },
  source: { flag: 'source', env: 'NATSCOPE_SOURCE', schema: z.enum(['auto', 'kubernetes', 'demo']), fallback: 'auto' },
  kubeconfig: { flag: 'kubeconfig', env: 'KUBECONFIG', schema: z.string().min(1), fallback: null },
  namespaces: {
    flag: 'namespaces',
    env: 'NATSCOPE_NAMESPACES',
    schema: z.string().transform((text, ctx) => {
      const names = text
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      for (const n of names) {
        if (!KubeName.safeParse(n).success) {
          ctx.addIssue({ code: 'custom', message: `"${n}" is not a Kubernetes namespace name` });
          return z.NEVER;
        }
      }
      return names;
    }),
    fallback: '',
  },
  selector: {
    flag: 'selector',
    env: 'NATSCOPE_SELECTOR',
    schema: z
      .string()
      .max(4096)
      .refine(isLabelSelector, 'must be a Kubernetes label selector such as "ovn.kubernetes.io/vpc-nat-gw=true"'),
    fallback: 'ovn.kubernetes.io/vpc-nat-gw=true',
  },
  pollSeconds: {
    flag: 'poll-seconds',
    env: 'NATSCOPE_POLL_SECONDS',
    schema: decimal(z.number().min(1).max(86400)),
    fallback: '10',
  },
  execTimeoutSeconds: {
    flag: 'exec-timeout-seconds',
    env: 'NATSCOPE_EXEC_TIMEOUT_SECONDS',
    schema: decimal(z.number().gt(0).max(600)),
    fallback: '10',
  },
  concurrency: {
    flag: 'concurrency',
    env: 'NATSCOPE_CONCURRENCY',
    schema: decimal(z.number().int().min(1).max(256)),
    fallback: '8',
  },
  webDist: { flag: 'web-dist', env: 'NATSCOPE_WEB_DIST', schema: z.string().min(1), fallback: null },
  dataDir: { flag: 'data-dir', env: 'NATSCOPE_DATA_DIR', schema: z.string().min(1), fallback: null },
  retentionDays: {
    flag: 'retention-days',
    env: 'NATSCOPE_RETENTION_DAYS',
    schema: decimal(z.number().gt(0).max(3650)),
    fallback: '14',
  },
  retentionMb: {
    flag: 'retention-mb',
    env: 'NATSCOPE_RETENTION_MB',
    schema: decimal(z.number().gt(0).max(10_000_000)),
    fallback: null,
  },
} as const;

type Key = keyof typeof SETTINGS;

/** The usage text for `--help`. */
export const USAGE = `Usage: natscope-server [options]

Every option can also be set by the environment variable in brackets; a flag wins over the variable.
  --port N                    [PORT] port to listen on (8080)
  --host ADDR                 [HOST] address to listen on (127.0.0.1)
  --source auto|kubernetes|demo
                              [NATSCOPE_SOURCE] auto: KUBECONFIG, ~/.kube/config or the in-cluster
                              service account when present, else the built-in demo (auto)
  --kubeconfig PATH           [KUBECONFIG] kubeconfig file(s), ':'-separated
  --namespaces A,B            [NATSCOPE_NAMESPACES] namespaces to search (all)
  --selector SEL              [NATSCOPE_SELECTOR] gateway pod label selector (ovn.kubernetes.io/vpc-nat-gw=true)
  --poll-seconds N            [NATSCOPE_POLL_SECONDS] seconds between readings (10)
  --exec-timeout-seconds N    [NATSCOPE_EXEC_TIMEOUT_SECONDS] limit for one exec (10)
  --concurrency N             [NATSCOPE_CONCURRENCY] execs in flight at once (8)
  --web-dist DIR              [NATSCOPE_WEB_DIST] built web app (apps/web/dist)
  --data-dir DIR              [NATSCOPE_DATA_DIR] where the history is kept ($XDG_STATE_HOME/natscope,
                              else ~/.local/state/natscope; the demo keeps its own in a temporary folder)
  --retention-days N          [NATSCOPE_RETENTION_DAYS] history kept for N days (14)
  --retention-mb N            [NATSCOPE_RETENTION_MB] history pruned, oldest first, beyond N MB (no limit)
  --help                      this text
`;

/** What `loadConfig` returns: a configuration, or a request for the usage text. */
export type ConfigResult = { kind: 'config'; config: Config } | { kind: 'help' };

/**
 * Reads flags and environment into a validated Config. Throws ConfigError with one line naming the bad
 * setting, its value and what it must be.
 */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const s of Object.values(SETTINGS)) options[s.flag] = { type: 'string' };
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    throw new ConfigError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  if (flags.help === true) return { kind: 'help' };

  const read = <K extends Key>(key: K): z.output<(typeof SETTINGS)[K]['schema']> | null => {
    const s = SETTINGS[key];
    const fromFlag = flags[s.flag];
    const fromEnv = env[s.env];
    const raw =
      typeof fromFlag === 'string' ? fromFlag : fromEnv !== undefined && fromEnv !== '' ? fromEnv : s.fallback;
    if (raw === null) return null;
    const where =
      typeof fromFlag === 'string'
        ? `--${s.flag}`
        : fromEnv !== undefined && fromEnv !== ''
          ? s.env
          : `default ${s.env}`;
    const parsed = (s.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`invalid ${where} ${JSON.stringify(raw)}: ${describeIssue(issue)}`);
    }
    return parsed.data as z.output<(typeof SETTINGS)[K]['schema']>;
  };

  const config: Config = {
    port: read('port') as number,
    host: read('host') as string,
    source: read('source') as SourceChoice,
    kubeconfig: read('kubeconfig'),
    namespaces: read('namespaces') ?? [],
    selector: read('selector') as string,
    pollSeconds: read('pollSeconds') as number,
    execTimeoutSeconds: read('execTimeoutSeconds') as number,
    concurrency: read('concurrency') as number,
    webDist: read('webDist'),
    dataDir: read('dataDir'),
    retentionDays: read('retentionDays') as number,
    retentionMb: read('retentionMb'),
  };
  return { kind: 'config', config };
}

/** The history's folder when none is configured: `$XDG_STATE_HOME/natscope`, else `~/.local/state/natscope`. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const state = env.XDG_STATE_HOME;
  // The XDG spec: a relative path in the variable is invalid and must be ignored.
  return state && isAbsolute(state) ? join(state, 'natscope') : join(home, '.local', 'state', 'natscope');
}

/** Turns a zod issue into words about the value ("must be an integer from 1 to 65535"). */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid value';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    case 'too_small':
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}
