import { TraceRequest, type GatewayDetail } from '@natscope/api';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiRequestError } from '../../api/api-request-error.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { formatBytes } from '../../lib/format.js';
import { traceApiQuery } from '../../lib/trace-link.js';
import { parseGatewayViewState } from '../../lib/url-state.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { GatewayReading } from '../gateway/GatewayReading.js';
import { RawView } from '../gateway/RawView.js';
import { useGatewayViewState } from '../gateway/use-gateway-view-state.js';
import { TraceSourceContext, type TraceSource } from '../trace/trace-source.js';
import { localFileOf, type LocalFile } from './local-file.js';
import { OfflineAnalyser, type CompareOutcome } from './offline-analyser.js';
import type { BundleFacts, DumpProblem } from './offline-protocol.js';
import {
  forgetObjects,
  forgetOpened,
  recallObjects,
  recallOpened,
  rememberObjects,
  rememberOpened,
} from './opened-dump-store.js';
import './offline.css';

/** What the page shows: a picker, a dump being read, the opened dump, or why it could not be read. */
type Shown =
  | { kind: 'empty' }
  | { kind: 'reading'; file: LocalFile }
  | {
      kind: 'opened';
      file: LocalFile;
      detail: GatewayDetail;
      changes: readonly string[];
      bundle: BundleFacts | null;
      serial: number;
    }
  | { kind: 'refused'; file: LocalFile; problem: DumpProblem; text: string }
  | { kind: 'failed'; file: LocalFile; message: string };

/**
 * `/open`: a dump pasted, dropped or picked, parsed and inspected in a Web Worker in this browser (nothing is uploaded),
 * then the same gateway view as a live gateway (graph, EIP table, raw, diagnostics, trace, exports), its view state
 * in the URL. Works from the static build with no natscope server at all.
 */
export function OpenPage() {
  useDocumentTitle('Open a dump');
  const [state, update] = useGatewayViewState();
  const [, setSearchParams] = useSearchParams();
  const [shown, setShown] = useState<Shown>({ kind: 'empty' });
  const [objects, setObjects] = useState<ObjectsState | null>(null);
  const analyser = useRef<OfflineAnalyser | null>(null);
  const serial = useRef(0);

  useEffect(() => {
    // Started on arrival, not at the first file: loading and compiling the worker's code (the parser and the model)
    // then happens while the user picks the file.
    analyser.current ??= new OfflineAnalyser();
    return () => {
      analyser.current?.dispose();
      analyser.current = null;
    };
  }, []);

  const open = useCallback(
    async (input: Uint8Array | string, file: LocalFile, restoreView: boolean): Promise<boolean> => {
      setShown({ kind: 'reading', file });
      // Objects compared with the dump before are not this dump's.
      setObjects(null);
      forgetObjects();
      analyser.current ??= new OfflineAnalyser();
      try {
        const outcome = await analyser.current.open(input, file);
        if (outcome.kind === 'refused') {
          setShown({ kind: 'refused', file, problem: outcome.problem, text: outcome.text });
          return false;
        }
        if (outcome.kind === 'unreadable') {
          setShown({ kind: 'failed', file, message: outcome.message });
          return false;
        }
        serial.current++;
        setShown({
          kind: 'opened',
          file,
          detail: outcome.detail,
          changes: outcome.changes,
          bundle: outcome.bundle,
          serial: serial.current,
        });
        // A bundle opens on the view it was made from (view, filter, trace); a reload keeps the URL it has.
        if (outcome.bundle && restoreView) setSearchParams(new URLSearchParams(outcome.bundle.view), { replace: true });
        // Kept for a reload of this tab (the URL keeps the view, this keeps the dump); never sent anywhere. Once the
        // page is idle: base64 of a 2 MB dump is ~100 ms that the first drawing of the graph need not wait for.
        // (Safari has no requestIdleCallback.)
        const keep = () => rememberOpened(input, file);
        if ('requestIdleCallback' in window) requestIdleCallback(keep, { timeout: 2000 });
        else setTimeout(keep, 300);
        return true;
      } catch (error) {
        setShown({ kind: 'failed', file, message: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
    [setSearchParams],
  );

  // The open dump compared with kubeovn.io objects, in the worker too: the detail's drift becomes the comparison's.
  const compare = useCallback(async (input: Uint8Array, file: LocalFile, gateway: string | null) => {
    if (!analyser.current) return;
    setObjects({ file, input, state: { kind: 'comparing' } });
    try {
      const outcome = await analyser.current.compare(input, file, gateway);
      if (outcome.kind === 'compared') {
        const { detail } = outcome;
        setShown((s) => (s.kind === 'opened' ? { ...s, detail } : s));
        rememberObjects(input, file, outcome.gateway);
      }
      setObjects({ file, input, state: outcome });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setObjects({ file, input, state: { kind: 'objects-refused', message } });
    }
  }, []);

  // A reload reopens the dump this tab had open: once, on arrival. (`open` changes with every URL change, since
  // setSearchParams does; depending on it reopened, and re-analysed, the whole dump at each keystroke in the filter.)
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current) return;
    reopened.current = true;
    const kept = recallOpened();
    const keptObjects = recallObjects();
    if (kept)
      void open(kept.input, kept.file, false).then((opened) => {
        if (opened && keptObjects) void compare(keptObjects.input, keptObjects.file, keptObjects.gateway);
      });
  }, [open, compare]);

  const openAnother = () => {
    forgetOpened();
    setObjects(null);
    setShown({ kind: 'empty' });
    update({ filter: '', rule: null, trace: null, diagnostic: null }, true);
  };

  const openedSerial = shown.kind === 'opened' ? shown.serial : 0;
  const recorded = shown.kind === 'opened' ? (shown.bundle?.trace ?? null) : null;
  const recordedQuery = useMemo(() => {
    const bundle = shown.kind === 'opened' ? shown.bundle : null;
    const fields = bundle ? parseGatewayViewState(new URLSearchParams(bundle.view)).trace : null;
    return fields ? traceApiQuery(fields) : null;
  }, [shown]);
  const traceSource = useMemo<TraceSource>(
    () => (_namespace, _name, _pod, fields) => {
      const query = traceApiQuery(fields);
      return {
        queryKey: ['offline', openedSerial, 'trace', query],
        queryFn: async () => {
          // The trace a bundle recorded is answered as recorded: the bundle is the record of what was seen.
          if (recorded && query === recordedQuery) return recorded;
          const request = TraceRequest.safeParse(Object.fromEntries(new URLSearchParams(query)));
          if (!request.success) {
            const issue = request.error.issues[0];
            throw new ApiRequestError('bad-request', `${issue?.path.join('.')}: ${issue?.message}`, 400);
          }
          if (!analyser.current) throw new ApiRequestError('no-reading', 'No dump is open to trace.', 409);
          return analyser.current.trace(request.data);
        },
      };
    },
    [openedSerial, recorded, recordedQuery],
  );

  if (shown.kind === 'opened')
    return (
      <div className="open-page open-page--opened">
        {shown.bundle ? (
          <BundleBanner file={shown.file} bundle={shown.bundle} onOpenAnother={openAnother} />
        ) : (
          <LocalBanner
            file={shown.file}
            changes={shown.changes}
            objects={objects}
            onCompare={(input, file, gateway) => void compare(input, file, gateway)}
            onShowDesired={() => update({ view: 'desired' }, true)}
            onOpenAnother={openAnother}
          />
        )}
        <TraceSourceContext.Provider value={traceSource}>
          <GatewayReading
            detail={shown.detail}
            state={state}
            update={update}
            updatedAt={Date.parse(shown.file.readAt)}
            refreshError={null}
            offline
          />
        </TraceSourceContext.Provider>
      </div>
    );

  return (
    <div className="open-page">
      <h1 className="open-page__title">Open a dump</h1>
      <p className="open-page__lead">
        <code>iptables-save -c</code> or <code>iptables-legacy-save</code> output of a NAT gateway, as copied from a
        terminal or a ticket. It is read in this browser: <strong>nothing is uploaded</strong>, and no natscope server
        is needed.
      </p>
      {shown.kind === 'reading' && (
        <p className="loading" role="status">
          Reading {shown.file.name} ({formatBytes(shown.file.size)})…
        </p>
      )}
      {shown.kind === 'refused' && <RefusedDump file={shown.file} problem={shown.problem} text={shown.text} />}
      {shown.kind === 'failed' && (
        <EmptyState title={`${shown.file.name} could not be analysed`} tone="error">
          <p>{shown.message}</p>
        </EmptyState>
      )}
      <DumpPicker onOpen={(input, file) => void open(input, file, true)} busy={shown.kind === 'reading'} />
    </div>
  );
}

/** Drop a file, pick one, or paste text. */
function DumpPicker({ onOpen, busy }: { onOpen: (input: Uint8Array, file: LocalFile) => void; busy: boolean }) {
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);

  const readFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    onOpen(bytes, localFileOf(file));
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };
  const openText = () => {
    const bytes = new TextEncoder().encode(text);
    onOpen(bytes, { name: 'pasted text', size: bytes.length, readAt: new Date().toISOString() });
  };

  return (
    <div className="open-picker">
      <label
        className={dragging ? 'open-drop open-drop--over' : 'open-drop'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="open-drop"
      >
        <span className="open-drop__title">Drop a file here, or choose one</span>
        <span className="open-drop__help">a dump (.txt) or a natscope incident bundle (.zip)</span>
        <input
          type="file"
          data-testid="open-file"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void readFile(file);
            event.target.value = '';
          }}
        />
      </label>
      <div className="open-paste">
        <label htmlFor="open-paste" className="open-paste__label">
          Or paste it
        </label>
        <textarea
          id="open-paste"
          data-testid="open-paste"
          rows={10}
          spellCheck={false}
          placeholder={'# Generated by iptables-save v1.8.9 (legacy)\n*nat\n:PREROUTING ACCEPT [0:0]\n…\nCOMMIT'}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="button"
          className="btn"
          data-testid="open-paste-submit"
          disabled={busy || text.trim() === ''}
          onClick={openText}
        >
          Open pasted text
        </button>
      </div>
    </div>
  );
}

/** The kubeovn.io objects the open dump is compared with, and how far that went. */
interface ObjectsState {
  file: LocalFile;
  input: Uint8Array;
  state: { kind: 'comparing' } | CompareOutcome;
}

const KUBECTL_OBJECTS =
  'kubectl get vpc-nat-gateways,iptables-eips,iptables-fip-rules,iptables-dnat-rules,iptables-snat-rules -o yaml';

/**
 * Desired vs actual without a cluster: a file of kubeovn.io objects (what the command above prints) compared with the
 * open dump, as the server compares a live gateway. Objects of several gateways: the dump's file name (its pod's) says
 * which, or the user does.
 */
function ObjectsPicker({
  objects,
  onCompare,
  onShowDesired,
}: {
  objects: ObjectsState | null;
  onCompare: (input: Uint8Array, file: LocalFile, gateway: string | null) => void;
  onShowDesired: () => void;
}) {
  const state = objects?.state ?? null;
  return (
    <div className="open-objects" data-testid="open-objects">
      <label className="open-objects__pick">
        <span>{state?.kind === 'compared' ? 'Compare with other objects' : 'Compare with its kubeovn.io objects'}</span>
        <input
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json"
          data-testid="open-resources"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            void file.arrayBuffer().then((buffer) => onCompare(new Uint8Array(buffer), localFileOf(file), null));
          }}
        />
      </label>
      {state === null && (
        <span className="banner__help">
          the file <code>{KUBECTL_OBJECTS}</code> prints (or <code>-o json</code>), read here too.
        </span>
      )}
      {state?.kind === 'comparing' && <span role="status">Comparing with {objects?.file.name}…</span>}
      {state?.kind === 'objects-refused' && (
        <span className="open-objects__error" role="alert" data-testid="open-resources-error">
          {state.message}
        </span>
      )}
      {state?.kind === 'choose-gateway' && objects && (
        <span role="alert" data-testid="open-resources-choose">
          {state.message}{' '}
          {state.gateways.length > 0 && (
            <select
              aria-label="Gateway the dump is from"
              data-testid="open-resources-gateway"
              value=""
              onChange={(event) => event.target.value && onCompare(objects.input, objects.file, event.target.value)}
            >
              <option value="">choose…</option>
              {state.gateways.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          )}
        </span>
      )}
      {state?.kind === 'compared' && objects && (
        <span data-testid="open-resources-status">
          Compared with <strong>{objects.file.name}</strong> as gateway <strong>{state.gateway}</strong>:{' '}
          {state.detail.drift.status === 'in-sync'
            ? 'in sync'
            : state.detail.drift.status === 'drifted'
              ? `drifted, ${state.detail.drift.drifts.length} finding${state.detail.drift.drifts.length === 1 ? '' : 's'}`
              : `not compared: ${state.detail.drift.reason ?? 'unknown'}`}
          {state.notes.length > 0 && ` (${state.notes.join('; ')})`}.{' '}
          <button type="button" className="btn btn--small" onClick={onShowDesired} data-testid="open-resources-show">
            Show desired vs actual
          </button>
          {state.gateways.length > 1 && (
            <>
              {' '}
              <select
                aria-label="Compare as another gateway"
                value={state.gateway}
                onChange={(event) => onCompare(objects.input, objects.file, event.target.value)}
              >
                {state.gateways.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </>
          )}
        </span>
      )}
    </div>
  );
}

/** Where the data on screen comes from: a local file, its size and when it was read, and what reading it changed. */
function LocalBanner({
  file,
  changes,
  objects,
  onCompare,
  onShowDesired,
  onOpenAnother,
}: {
  file: LocalFile;
  changes: readonly string[];
  objects: ObjectsState | null;
  onCompare: (input: Uint8Array, file: LocalFile, gateway: string | null) => void;
  onShowDesired: () => void;
  onOpenAnother: () => void;
}) {
  return (
    <div className="banner banner--demo open-banner" role="note" data-testid="open-banner">
      <strong>Local file.</strong> <span data-testid="open-file-name">{file.name}</span> · {formatBytes(file.size)} ·
      read {utc(file.readAt)} · parsed in this browser, nothing uploaded.{' '}
      <button type="button" className="btn btn--small" onClick={onOpenAnother} data-testid="open-another">
        Open another
      </button>
      {changes.length > 0 && (
        <p className="banner__help" data-testid="open-changes">
          Read as iptables-save output after: {changes.join('; ')}.
        </p>
      )}
      <ObjectsPicker objects={objects} onCompare={onCompare} onShowDesired={onShowDesired} />
    </div>
  );
}

/** A bundle opened again: when and by what it was made, and whether every file is as it was. */
function BundleBanner({
  file,
  bundle,
  onOpenAnother,
}: {
  file: LocalFile;
  bundle: BundleFacts;
  onOpenAnother: () => void;
}) {
  const intact = bundle.mismatched.length === 0 && bundle.missing.length === 0;
  return (
    <div
      className={intact ? 'banner banner--demo open-banner' : 'banner banner--error open-banner'}
      role={intact ? 'note' : 'alert'}
      data-testid="open-banner"
    >
      <strong>Incident bundle.</strong> <span data-testid="open-file-name">{file.name}</span> · taken{' '}
      {utc(bundle.createdAt)} by natscope {bundle.natscope} · shown as it was then, nothing uploaded.{' '}
      <span data-testid="open-bundle-checks">
        {intact
          ? 'Every checksum matches.'
          : [
              bundle.mismatched.length > 0 ? `Changed since it was made: ${bundle.mismatched.join(', ')}.` : '',
              bundle.missing.length > 0 ? `Missing: ${bundle.missing.join(', ')}.` : '',
            ]
              .filter(Boolean)
              .join(' ')}
      </span>
      <button type="button" className="btn btn--small" onClick={onOpenAnother} data-testid="open-another">
        Open another
      </button>
    </div>
  );
}

const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d+Z$/, ' UTC')
    .replace('T', ' ');

/** A dump that is not iptables-save output: where and why, with its bad line marked in the raw view. */
function RefusedDump({ file, problem, text }: { file: LocalFile; problem: DumpProblem; text: string }) {
  const lines = useMemo(() => text.split(/\r?\n/), [text]);
  const marked = useMemo(() => new Set([problem.line]), [problem.line]);
  return (
    <div className="open-refused" data-testid="open-error">
      <EmptyState title={`${file.name} is not iptables-save output`} tone="error">
        <p>
          <code data-testid="open-error-position">
            {problem.line}:{problem.column}: {problem.reason}
          </code>
        </p>
        <p>The line is marked below. Fix or remove it and open the file again.</p>
      </EmptyState>
      <div className="open-refused__raw">
        <RawView lines={lines} stderr={null} selectedLine={problem.line} markedLines={marked} />
      </div>
    </div>
  );
}
