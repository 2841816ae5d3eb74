import type { Line, Rule, Span } from './types.js';

type RuleLineJson = Extract<Line, { kind: 'rule' }>;

/** The `Line` of a rule: its raw text and span are the rule's own, read through it rather than stored twice. */
export class RuleLine implements RuleLineJson {
  readonly kind = 'rule';
  readonly eol: string;
  readonly rule: Rule;

  constructor(rule: Rule, eol: string) {
    this.eol = eol;
    this.rule = rule;
  }

  /** The line as written, without its line ending. */
  get raw(): string {
    return this.rule.raw;
  }

  /** Where the line stands in the input. */
  get span(): Span {
    return this.rule.span;
  }

  /** A plain object with every field, so `JSON.stringify(line)` shows what an object literal would. */
  toJSON(): RuleLineJson {
    return { kind: this.kind, raw: this.raw, eol: this.eol, span: this.span, rule: this.rule };
  }
}
