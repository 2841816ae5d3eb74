import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './copy-text.js';

afterEach(() => vi.unstubAllGlobals());

describe('copyText', () => {
  it('uses the Clipboard API where there is one', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    expect(await copyText('-A SHARED_DNAT -j DNAT')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('-A SHARED_DNAT -j DNAT');
  });

  it('falls back to the copy command when the API refuses, and leaves nothing behind', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } });
    const execCommand = vi.fn().mockReturnValue(true);
    document.execCommand = execCommand;
    expect(await copyText('COMMIT')).toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(document.querySelector('textarea')).toBeNull();
  });
});
