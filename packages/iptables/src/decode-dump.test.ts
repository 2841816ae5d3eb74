import { describe, expect, it } from 'vitest';
import { decodeDump } from './decode-dump.js';
import { encodeDump } from './encode-dump.js';
import { IptablesSyntaxError } from './iptables-syntax-error.js';
import { escapeNonUtf8, hasNonUtf8 } from './non-utf8.js';
import { parse } from './parse.js';
import { print } from './print.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const dump = (comment: (string | number[])[]): Uint8Array =>
  bytes('*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -m comment --comment "', ...comment, '" -j ACCEPT\nCOMMIT\n');

describe('decodeDump', () => {
  it('reads valid UTF-8 (an emoji) as characters and reports nothing', () => {
    const input = dump(['ok \u{1F600}']);
    const { text, nonUtf8 } = decodeDump(input);
    expect(text).toContain('"ok \u{1F600}"');
    expect(nonUtf8).toEqual([]);
    expect(encodeDump(text)).toEqual(input);
  });

  it('keeps a Latin-1 byte exactly and names its line and column', () => {
    const input = dump(['caf', [0xe9]]);
    const { text, nonUtf8 } = decodeDump(input, 'gw.txt');
    expect(nonUtf8).toEqual([{ offset: text.indexOf('caf') + 3, line: 3, column: 40, byte: 0xe9 }]);
    expect(escapeNonUtf8(text)).toContain('"caf\\xe9"');
    expect(encodeDump(print(parse(text)))).toEqual(input);
  });

  it('tells a Latin-1 é from a UTF-8 é, both ways', () => {
    const input = dump(['caf', [0xe9], ' caf\u00e9']);
    const { text, nonUtf8 } = decodeDump(input);
    expect(nonUtf8).toHaveLength(1);
    expect(escapeNonUtf8(text)).toContain('"caf\\xe9 caf\u00e9"');
    expect(encodeDump(text)).toEqual(input);
  });

  it('escapes each byte of a broken sequence and keeps the valid bytes after it', () => {
    // A truncated 3-byte sequence, an overlong '/', an encoded surrogate, a lone continuation byte, past U+10FFFF.
    const odd = [[0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80]];
    const input = dump(odd.flatMap((seq) => [seq, 'x']));
    const { text, nonUtf8 } = decodeDump(input);
    expect(nonUtf8.map((b) => b.byte)).toEqual(odd.flat());
    expect(escapeNonUtf8(text)).toContain('"\\xe2\\x82x\\xc0\\xafx\\xed\\xa0\\x80x\\x80x\\xf4\\x90\\x80\\x80x"');
    expect(encodeDump(text)).toEqual(input);
  });

  it('does not take a surrogate pair (a 4-byte character) for escaped bytes', () => {
    // U+10080 is the pair D800 DC80: its low half is in the escape range, but it is not alone.
    const input = dump(['\u{10080}', [0xff]]);
    const { text, nonUtf8 } = decodeDump(input);
    expect(nonUtf8.map((b) => b.byte)).toEqual([0xff]);
    expect(hasNonUtf8('\u{10080}')).toBe(false);
    expect(encodeDump(text)).toEqual(input);
  });

  it('takes a string as already decoded', () => {
    const { text, nonUtf8 } = decodeDump('# caf\udce9\n');
    expect(text).toBe('# caf\udce9\n');
    expect(nonUtf8).toMatchObject([{ line: 1, column: 6, byte: 0xe9 }]);
  });

  it('keeps a byte-order mark and CRLF line endings', () => {
    const input = bytes([0xef, 0xbb, 0xbf], '*nat\r\nCOMMIT\r\n');
    expect(encodeDump(print(parse(decodeDump(input).text)))).toEqual(input);
  });

  it('rejects the first control byte iptables-save never prints, with its position', () => {
    const input = bytes('*nat\n# fine ', [0xe9], '\n:PRE', [0x00], 'ROUTING ACCEPT [0:0]\n', [0x01]);
    const error = (() => {
      try {
        decodeDump(input, 'gw.bin');
      } catch (e) {
        return e;
      }
      throw new Error('accepted binary data');
    })();
    expect(error).toBeInstanceOf(IptablesSyntaxError);
    expect((error as IptablesSyntaxError).message).toBe(
      'gw.bin:3:5: binary data: control character U+0000 cannot appear in iptables-save output',
    );
  });

  it('rejects a carriage return that ends no line', () => {
    expect(() => decodeDump(bytes('*nat\rCOMMIT\n'), 'f')).toThrow('f:1:5: stray carriage return');
  });

  it('gives random bytes a position, not a bare "binary"', () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(() => decodeDump(random, 'junk')).toThrow(/^junk:\d+:\d+: binary data: control character/);
  });
});
