import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, defaultDataDir, loadConfig, USAGE } from './config.js';
import { findUp } from './find-up.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Reads the configuration, connects the source, serves, and shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      log(`natscope: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (loaded.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loaded.config;
  // Loaded only now, so that a bad setting is reported at once, before client-node and Express load.
  const [
    { createApp },
    { Collector },
    { AnalysisPool },
    { AnalysedReadings },
    { DesiredState },
    { connectSource },
    { startDemoCluster },
    { HistoryStore },
    { HistoryRecorder },
    { HistoryError },
  ] = await Promise.all([
    import('./http/app.js'),
    import('./collector/collector.js'),
    import('./analysis/analysis-pool.js'),
    import('./analysis/analysed-readings.js'),
    import('./desired/desired-state.js'),
    import('./kube/connect-source.js'),
    import('./demo/demo-cluster.js'),
    import('./history/history-store.js'),
    import('./history/history-recorder.js'),
    import('./history/history-error.js'),
  ]);

  let source;
  try {
    source = await connectSource(config, { env: process.env, home: homedir(), startDemo: startDemoCluster });
  } catch (err) {
    if (err instanceof ConfigError) {
      log(`natscope: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  // The demo keeps its history in a folder of its own, removed at exit: its gateways are made up, and two demos
  // (tests, a second terminal) must not meet on one database.
  const demoDir =
    config.dataDir === null && source.source === 'demo' ? mkdtempSync(join(tmpdir(), 'natscope-demo-')) : null;
  const dataDir = config.dataDir ?? demoDir ?? defaultDataDir(process.env, homedir());
  let store: ReturnType<typeof HistoryStore.open> | null = null;
  let historyOff: string | null = null;
  try {
    store = HistoryStore.open({
      dir: dataDir,
      retentionDays: config.retentionDays,
      retentionMb: config.retentionMb,
      log,
    });
  } catch (err) {
    if (!(err instanceof HistoryError)) throw err;
    if (err.fault === 'unwritable' || err.fault === 'locked') {
      log(`natscope: ${err.message}`);
      await source.close();
      return process.exit(1);
    }
    // A full disk or a file SQLite cannot use: the live view goes on without history, and says why.
    historyOff = `history is off: ${err.message}`;
    log(`natscope: ${historyOff}`);
  }

  // One set of worker threads parses the dumps and compares them with the kubeovn.io objects.
  const pool = new AnalysisPool();
  const collector = new Collector({
    cluster: source.client,
    pool,
    namespaces: config.namespaces,
    selector: config.selector,
    execTimeoutMs: config.execTimeoutSeconds * 1000,
    concurrency: config.concurrency,
    pollMs: config.pollSeconds * 1000,
    log,
  });
  const desired = new DesiredState({
    collector,
    cluster: source.client,
    comparer: pool,
    timeoutMs: config.execTimeoutSeconds * 1000,
    log,
  });
  collector.subscribe(desired.listener);
  const recorder = store ? new HistoryRecorder({ store, gateways: () => collector.list(), drift: desired }) : null;
  if (recorder) collector.subscribe(recorder.listener);
  const history = {
    store,
    reason: historyOff,
    changes: recorder ?? { lastRuleChange: () => null },
    retentionDays: config.retentionDays,
    retentionMb: config.retentionMb,
  };
  const builtWeb = findUp('apps/web/dist/', import.meta.url);
  const webDist = config.webDist ?? (builtWeb ? fileURLToPath(builtWeb) : null);
  // The detail and trace routes' analysed readings: large ones are built in a worker of their own, off the request thread.
  const readings = new AnalysedReadings();
  const app = createApp({
    collector,
    drift: desired,
    readings,
    history,
    source: source.source,
    context: source.context,
    webDist,
    log,
  });

  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  }).catch(async (err: NodeJS.ErrnoException) => {
    log(`natscope: cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
    await source.close();
    return process.exit(1);
  });
  collector.start();
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  log(`natscope: serving http://${shown}:${config.port}/ (source ${source.source}, context ${source.context})`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      log(`natscope: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`natscope: ${signal}, shutting down`);
    // Open keep-alive connections would hold close() forever; give requests in flight a moment first.
    const force = setTimeout(() => server.closeAllConnections(), 2000);
    force.unref();
    void Promise.all([collector.stop(), new Promise<void>((r) => server.close(() => r()))])
      .then(() => Promise.all([pool.close(), readings.close(), source.close()]))
      .then(() => {
        store?.close();
        if (demoDir) rmSync(demoDir, { recursive: true, force: true });
        process.exit(0);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  log(`natscope: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
