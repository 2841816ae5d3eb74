import { chooseGateway, gatewaysIn, readResources, ResourceFileError } from '@natscope/drift';
import { IptablesSyntaxError } from '@natscope/iptables';
import { BundleError, isZip, readBundle } from '../bundle/read-bundle.js';
import { LocalReading } from './local-reading.js';
import type { OfflineRequest, OfflineResponse } from './offline-protocol.js';

// The Web Worker that parses, inspects and traces a dump opened in the browser, off the page's thread: a 20,000-rule
// dump takes a few hundred milliseconds that the page stays responsive through. It holds the one dump open.
let reading: LocalReading | null = null;
// A bundle's reading is shown as it was recorded; its traces name that gateway, not the local file.
let shownAs: { namespace: string; name: string; pod: string; collectedAt: string | null } | null = null;

const answer = (response: OfflineResponse) => postMessage(response);

/** The text of input that could not be read, for the raw view to show with the bad line marked. */
function textOf(input: Uint8Array | string): string {
  return typeof input === 'string' ? input : new TextDecoder().decode(input);
}

addEventListener('message', (event: MessageEvent<OfflineRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'open') {
      const started = performance.now();
      reading = null;
      shownAs = null;
      if (typeof request.input !== 'string' && isZip(request.input)) {
        const bundle = readBundle(request.input);
        reading = LocalReading.open(bundle.raw, request.file);
        shownAs = bundle.detail;
        const { createdAt, natscope, view } = bundle.manifest;
        answer({
          id: request.id,
          kind: 'opened',
          detail: bundle.detail,
          changes: [],
          analysisMs: performance.now() - started,
          startedAt: performance.timeOrigin + started,
          bundle: {
            createdAt,
            natscope,
            view,
            mismatched: bundle.mismatched,
            missing: bundle.missing,
            trace: bundle.trace,
          },
        });
        return;
      }
      reading = LocalReading.open(request.input, request.file);
      answer({
        id: request.id,
        kind: 'opened',
        detail: reading.detail,
        changes: reading.changes,
        analysisMs: performance.now() - started,
        startedAt: performance.timeOrigin + started,
        bundle: null,
      });
      return;
    }
    if (request.kind === 'compare') {
      if (!reading || shownAs) throw new Error('no dump is open to compare (a bundle is shown as it was recorded)');
      const objects = readResources(textOf(request.input), request.file.name);
      const gateways = gatewaysIn(objects.resources);
      const dumpFile = reading.detail.name;
      const choice = chooseGateway(request.gateway, gateways, dumpFile);
      if (choice.kind !== 'chosen') {
        const file = request.file.name;
        answer({
          id: request.id,
          kind: 'choose-gateway',
          gateways,
          message:
            choice.kind === 'none'
              ? `${file} holds no VpcNatGateway or IptablesEIP, so it names no gateway to compare ${dumpFile} with.`
              : choice.kind === 'not-present'
                ? `${file} has no objects of gateway ${choice.wanted}.`
                : `${file} holds objects of ${gateways.length} gateways; which one is ${dumpFile} from?`,
        });
        return;
      }
      const { gateway } = choice;
      const detail = reading.compare(objects, gateway, request.file);
      answer({ id: request.id, kind: 'compared', detail, gateway, gateways, notes: objects.notes });
      return;
    }
    if (!reading) throw new Error('no dump is open to trace');
    const traced = reading.trace(request.request);
    answer({
      id: request.id,
      kind: 'traced',
      trace: shownAs
        ? {
            ...traced,
            namespace: shownAs.namespace,
            name: shownAs.name,
            pod: shownAs.pod,
            collectedAt: shownAs.collectedAt ?? traced.collectedAt,
          }
        : traced,
    });
  } catch (error) {
    if (error instanceof ResourceFileError) {
      answer({ id: request.id, kind: 'objects-refused', message: error.message });
      return;
    }
    if (error instanceof BundleError) {
      answer({ id: request.id, kind: 'unreadable', message: `not a natscope incident bundle: ${error.message}` });
      return;
    }
    if (error instanceof IptablesSyntaxError && request.kind === 'open') {
      const { message, reason, line, column } = error;
      answer({
        id: request.id,
        kind: 'refused',
        problem: { message, reason, line, column },
        text: textOf(request.input),
      });
      return;
    }
    // natscope's own bug on input it should have read: said in words, with the stack in the console for a report.
    console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    answer({ id: request.id, kind: 'failed', message: `natscope failed on this dump (a natscope bug): ${message}` });
  }
});
