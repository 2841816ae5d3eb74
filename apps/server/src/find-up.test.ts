import { describe, expect, it } from 'vitest';
import { findUp } from './find-up.js';

describe('findUp', () => {
  it('finds a folder of the repository from deep inside it', () => {
    expect(findUp('packages/iptables/fixtures/', import.meta.url)?.pathname).toMatch(
      /\/packages\/iptables\/fixtures\/$/,
    );
    expect(findUp('pnpm-workspace.yaml', import.meta.url)?.pathname).toMatch(/\/pnpm-workspace\.yaml$/);
  });

  it('gives null when nothing above has it', () => {
    expect(findUp('no/such/thing-natscope', import.meta.url)).toBeNull();
  });
});
