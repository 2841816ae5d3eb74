import type { Input } from './input.js';
import { LocatedNode } from './located-node.js';
import type { RuleOption } from './types.js';

/** A decoded `--option args…`; its span runs from the '!' (if any) to the last argument. */
export class OptionNode extends LocatedNode implements RuleOption {
  readonly name: string;
  readonly flag: string;
  readonly negated: boolean;
  readonly args: string[];

  constructor(input: Input, start: number, end: number, name: string, flag: string, negated: boolean, args: string[]) {
    super(input, start, end);
    this.name = name;
    this.flag = flag;
    this.negated = negated;
    this.args = args;
  }

  /** A plain object with the span filled in. */
  toJSON(): RuleOption {
    return { name: this.name, flag: this.flag, negated: this.negated, args: this.args, span: this.span };
  }
}
