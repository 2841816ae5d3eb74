import { describe, expect, it } from 'vitest';
import { shortText } from './short-text.js';

describe('shortText', () => {
  it('keeps a short text whole', () => {
    expect(shortText('exec-timeout', 40)).toBe('exec-timeout');
  });

  it('cuts a long one at a word, without trailing punctuation, and says so with an ellipsis', () => {
    const text =
      'vpc-nat-gw-locked-0: its rules could not be read (exec-forbidden): tenant-b/vpc-nat-gw-locked-0: exec forbidden';
    const short = shortText(text, 72);
    expect(short.length).toBeLessThanOrEqual(72);
    expect(short).toBe('vpc-nat-gw-locked-0: its rules could not be read (exec-forbidden)…');
  });

  it('folds line breaks (an RBAC YAML reason) into spaces', () => {
    expect(shortText('needs:\n  verbs: [list]', 40)).toBe('needs: verbs: [list]');
  });

  it('cuts inside a word only when the text has no space to cut at', () => {
    expect(shortText('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
