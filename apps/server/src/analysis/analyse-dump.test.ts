import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectError } from '../collector/collect-error.js';
import { inspectJob } from './analyse-dump.js';

const DUMP = readFileSync(
  new URL('../../../../packages/iptables/fixtures/s5-tenant-v116-legacy.txt', import.meta.url),
  'utf8',
);

describe('inspectJob on bytes iptables-save never prints', () => {
  it('fails parse-failed at the line and column of the first control byte, as the CLI names it', () => {
    const raw = DUMP.replace('-A SHARED_SNAT', '-A SHARED\u0000SNAT');
    const error = (() => {
      try {
        inspectJob({ raw, stderr: '', target: 'kube-system/vpc-nat-gw-gw1-0' });
      } catch (e) {
        return e;
      }
      throw new Error('a NUL was accepted');
    })();
    expect(error).toBeInstanceOf(CollectError);
    expect((error as CollectError).code).toBe('parse-failed');
    expect((error as CollectError).message).toMatch(
      /^cannot parse the iptables-save output of kube-system\/vpc-nat-gw-gw1-0:25:\d+: binary data: control character U\+0000/,
    );
  });
});
