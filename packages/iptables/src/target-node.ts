import type { Input } from './input.js';
import { LocatedNode } from './located-node.js';
import type { RuleOption, Target } from './types.js';

/** A decoded `-j TARGET …` or `-g CHAIN`; its span runs from `-j`/`-g` to its last option. */
export class TargetNode extends LocatedNode implements Target {
  readonly kind: 'jump' | 'goto';
  readonly name: string;
  options: RuleOption[] = [];

  constructor(input: Input, start: number, end: number, kind: 'jump' | 'goto', name: string) {
    super(input, start, end);
    this.kind = kind;
    this.name = name;
  }

  /** A plain object with the span filled in. */
  toJSON(): Target {
    return { kind: this.kind, name: this.name, options: this.options, span: this.span };
  }
}
