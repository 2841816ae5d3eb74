// V8 makes a slice of 13 or more characters a view into its source string. The cache outlives any one
// input (a server parses a fresh dump every poll), so it must keep a copy, never a view that pins a whole
// old dump in memory. Concatenating and slicing again flattens into a new string of just these characters.
function detached(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * Shares one string per spelling for the short words that repeat across a dump ('-j', 'dport', 'eth0',
 * 'tcp', 'DNAT', '0x1/0x1'), without slicing the text when the word was seen before.
 *
 * A fixed table of buckets, keyed by length and a few characters; a collision just replaces the entry, so
 * memory stays bounded whatever the input and the answer is always the exact text.
 */
export class StringCache {
  readonly #buckets: (string | undefined)[];
  readonly #mask: number;

  constructor(bits = 12) {
    this.#buckets = new Array<string | undefined>(1 << bits).fill(undefined);
    this.#mask = (1 << bits) - 1;
  }

  /** `text.slice(start, end)`, shared with earlier calls for the same spelling when possible. */
  get(text: string, start: number, end: number): string {
    const length = end - start;
    if (length <= 0) return '';
    const key =
      (length * 0x9e3779b1 +
        text.charCodeAt(start) * 31 +
        text.charCodeAt(end - 1) * 961 +
        text.charCodeAt(start + (length >> 1)) * 29791) &
      this.#mask;
    const hit = this.#buckets[key];
    if (hit !== undefined && hit.length === length && text.startsWith(hit, start)) return hit;
    const value = text.slice(start, end);
    this.#buckets[key] = detached(value);
    return value;
  }
}
