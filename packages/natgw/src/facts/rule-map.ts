import type { Rule } from '@natscope/iptables';

/**
 * A map from the rules of one dump to values, stored in an array by input line (each rule has its own line).
 * On 100,000-rule dumps this is several times cheaper than a Map keyed by rule objects, which must hash
 * object identities and which the garbage collector walks as a large hash table.
 */
export class RuleMap<T> {
  readonly #byLine: Array<T | undefined> = [];

  /** The value stored for `rule`, if any. */
  get(rule: Rule): T | undefined {
    return this.#byLine[rule.line];
  }

  /** True when a value is stored for `rule`. */
  has(rule: Rule): boolean {
    return this.#byLine[rule.line] !== undefined;
  }

  /** Stores `value` for `rule`. */
  set(rule: Rule, value: T): void {
    // Fill holes first so the array stays packed (holey arrays are slower to read).
    while (this.#byLine.length < rule.line) this.#byLine.push(undefined);
    this.#byLine[rule.line] = value;
  }
}
