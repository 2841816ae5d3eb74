import type { Input } from './input.js';
import { LocatedNode } from './located-node.js';
import type { ModuleMatch, RuleOption } from './types.js';

/** A decoded `-m module` match; its span runs from `-m` (or its first option, when implicit) to its last option. */
export class ModuleNode extends LocatedNode implements ModuleMatch {
  readonly module: string;
  readonly implicit: boolean;
  options: RuleOption[] = [];

  constructor(input: Input, start: number, end: number, module: string, implicit: boolean) {
    super(input, start, end);
    this.module = module;
    this.implicit = implicit;
  }

  /** A plain object with the span filled in. */
  toJSON(): ModuleMatch {
    return { module: this.module, implicit: this.implicit, options: this.options, span: this.span };
  }
}
