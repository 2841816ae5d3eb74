import { describe, expect, it } from 'vitest';
import { inspectFixture } from '../report/fixture-corpus.js';
import { findingsHealth } from './findings-health.js';
import { gatewayHeadline } from './gateway-headline.js';

const findingsOf = (file: string) => findingsHealth(inspectFixture(file).report.diagnostics);
const inSync = { status: 'in-sync', counts: { error: 0, warning: 0, info: 0 } } as const;

describe('gatewayHeadline', () => {
  it('says a gateway read fine and healthy in two words', () => {
    expect(gatewayHeadline({ reading: 'ok', findings: findingsOf('s5-tenant-v116-legacy.txt'), drift: inSync })).toBe(
      'read · healthy',
    );
  });

  it('says a gateway read fine whose rules are gone is broken, and why', () => {
    expect(gatewayHeadline({ reading: 'ok', findings: findingsOf('restarted-empty-legacy.txt') })).toBe(
      'read · broken: not initialised',
    );
    expect(gatewayHeadline({ reading: 'ok', findings: findingsOf('s6-overlapping-snat-v116-legacy.txt') })).toBe(
      'read · degraded: 2 rules shadowed',
    );
  });

  it('says why a reading failed, and that the health shown is of an older reading', () => {
    expect(gatewayHeadline({ reading: 'error', error: { code: 'exec-forbidden' }, findings: null })).toBe(
      'read failed: exec forbidden (RBAC) · health unknown',
    );
    expect(
      gatewayHeadline({
        reading: 'stale',
        error: { code: 'exec-timeout' },
        findings: findingsOf('fip-half-dnat-v114-legacy.txt'),
      }),
    ).toBe('read failed: exec timed out (older reading shown) · broken: half a floating IP');
    expect(gatewayHeadline({ reading: 'pending', findings: null })).toBe('not read yet · health unknown');
  });

  it('names the pod of an HA gateway that failed or is worse off than the one shown', () => {
    const healthy = findingsOf('s5-tenant-v116-legacy.txt');
    expect(
      gatewayHeadline({
        reading: 'error',
        error: { code: 'exec-timeout', pod: 'vpc-nat-gw-edge-1' },
        findings: healthy,
      }),
    ).toBe('read failed on vpc-nat-gw-edge-1: exec timed out · healthy');
    expect(
      gatewayHeadline({
        reading: 'ok',
        findings: findingsOf('restarted-empty-legacy.txt'),
        findingsPod: 'vpc-nat-gw-edge-1',
      }),
    ).toBe('read · broken on vpc-nat-gw-edge-1: not initialised');
  });

  it('names drift only when drifted, beside (never inside) the health', () => {
    const healthy = findingsOf('s5-tenant-v116-legacy.txt');
    const drifted = { status: 'drifted', counts: { error: 1, warning: 2, info: 0 } } as const;
    expect(gatewayHeadline({ reading: 'ok', findings: healthy, drift: drifted })).toBe(
      'read · healthy · drifted: 1 error, 2 warnings',
    );
    const unknown = { status: 'unknown', counts: { error: 0, warning: 0, info: 0 } } as const;
    expect(gatewayHeadline({ reading: 'ok', findings: healthy, drift: unknown })).toBe('read · healthy');
  });

  it('names an error code it does not know as it is', () => {
    expect(gatewayHeadline({ reading: 'error', error: { code: 'node-gone' }, findings: null })).toBe(
      'read failed: node-gone · health unknown',
    );
  });
});
