/**
 * Kubernetes label selectors, parsed with the grammar, tokens and error messages of
 * k8s.io/apimachinery/pkg/labels (written from its documented behaviour), so a bad selector gets the
 * same 400 message a real API server gives. One parser for the fake API server (kube-sim answers a list with it)
 * and the server (it checks its --selector with it): what one accepts the other does, as the real API server does,
 * `tier>5` and `tier<5` (labels.Parse's Gt and Lt) included.
 */

type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a selector: key, operator and values. */
export interface LabelRequirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: all requirements must hold (comma is AND). */
export interface LabelSelector {
  requirements: LabelRequirement[];
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
}

/** A selector the real server would reject; `message` is the server's wording. */
export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

type Tok = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Item {
  tok: Tok;
  lit: string;
}

// A Map, not an object: identifiers come from the input, and `constructor` or `__proto__` must be plain identifiers.
const KEYWORDS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

function lex(text: string): Item[] {
  // The Go lexer reads bytes and stops at a NUL byte as if the string ended there.
  const nul = text.indexOf('\0');
  const s = nul >= 0 ? text.slice(0, nul) : text;
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos] as string)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (isSpecial(s[pos] as string)) {
      // Longest operator made of special symbols: "!=" rather than "!", "==" rather than "=".
      let buffer = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos] as string)) {
        buffer += s[pos];
        const tok = KEYWORDS.get(buffer);
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < s.length && !isSpecial(s[pos] as string) && !isSpace(s[pos] as string)) buffer += s[pos++];
    items.push({ tok: KEYWORDS.get(buffer) ?? 'id', lit: buffer });
  }
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric " +
  "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// field.Invalid(...).Error(): `<path>: Invalid value: "<value>": <detail>` (Go quotes the value).
const invalid = (path: string, value: string, detail: string): string =>
  `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;

function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = key;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!SUBDOMAIN_RE.test(prefix))
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
          "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
          "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
  } else {
    return [`a qualified name ${NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME_RE.test(name)) errs.push(`name part ${NAME_MSG}`);
  return errs;
}

function valueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!VALUE_RE.test(value))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
        "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used " +
        "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  // In a value position the keywords `in` and `notin` are plain identifiers ("x in (in)").
  private look(values: boolean): Item {
    const item = this.items[this.pos] as Item;
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  private take(values: boolean): Item {
    const item = this.look(values);
    this.pos++;
    return item;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'end') return reqs;
      if (tok !== 'id' && tok !== '!')
        throw new LabelSelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (err) {
        if (err instanceof LabelSelectorError)
          throw new LabelSelectorError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const next = this.take(true);
      if (next.tok === 'end') return reqs;
      if (next.tok !== ',') throw new LabelSelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.look(true);
      if (after.tok !== 'id' && after.tok !== '!')
        throw new LabelSelectorError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): LabelRequirement {
    let negated = false;
    let item = this.take(true);
    if (item.tok === '!') {
      negated = true;
      item = this.take(true);
    }
    if (item.tok !== 'id') throw new LabelSelectorError(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErrs = qualifiedNameErrors(key);
    if (keyErrs.length > 0) throw new LabelSelectorError(invalid('', key, keyErrs.join('; ')));
    const ahead = this.look(true).tok;
    if (negated || ahead === 'end' || ahead === ',') {
      // "!key" is complete by itself; "!key=value" fails on the next token like the real parser.
      return { key, operator: negated ? '!' : 'exists', values: [] };
    }
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.valueSet() : [this.exactValue()];
    return validated(key, op, values);
  }

  private operator(): Operator {
    const { tok, lit } = this.take(false);
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new LabelSelectorError(`found '${lit}', expected: '=', '!=', '==', 'in', notin'`);
    }
  }

  private valueSet(): string[] {
    const open = this.take(true);
    if (open.tok !== '(') throw new LabelSelectorError(`found '${open.lit}' expected: '('`);
    const first = this.look(true);
    if (first.tok === ')') {
      this.take(true);
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',')
      throw new LabelSelectorError(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.take(true).tok !== ')') throw new LabelSelectorError(`found '${first.lit}', expected: ')'`);
    return [...new Set(values)].sort();
  }

  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { tok, lit } = this.take(true);
      if (tok === 'id') {
        values.push(lit);
        const next = this.look(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return values;
        throw new LabelSelectorError(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        // Empty members are allowed and mean the empty value: "(,a)", "(a,)", "(a,,b)".
        if (values.length === 0) values.push('');
        const next = this.look(true);
        if (next.tok === ')') {
          values.push('');
          return values;
        }
        if (next.tok === ',') {
          this.take(true);
          values.push('');
        }
      } else {
        throw new LabelSelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string {
    const ahead = this.look(true);
    if (ahead.tok === 'end' || ahead.tok === ',') return '';
    const { tok, lit } = this.take(true);
    if (tok === 'id') return lit;
    throw new LabelSelectorError(`found '${lit}', expected: identifier`);
  }
}

function validated(key: string, operator: Operator, values: string[]): LabelRequirement {
  const errs: string[] = [];
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
        errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((v, i) => {
    const valueErrs = valueErrors(v);
    if (valueErrs.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  // utilerrors.Aggregate prints one error as itself and several as "[a, b]".
  if (errs.length === 1) throw new LabelSelectorError(errs[0] as string);
  if (errs.length > 1) throw new LabelSelectorError(`[${errs.join(', ')}]`);
  return { key, operator, values };
}

function requirementMatches(req: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && req.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^[+-]?\d+$/.test(value)) return false;
      const actual = Number(value);
      const bound = Number(req.values[0]);
      return req.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Parses a label selector (`a=b,c!=d,e in (f,g),!h`); throws LabelSelectorError with the server's message. */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements = new Parser(lex(text)).parse();
  return {
    requirements,
    matches: (labels) => requirements.every((r) => requirementMatches(r, labels ?? {})),
  };
}

/** True when `text` is a selector the API server accepts (the empty string selects everything). */
export function isLabelSelector(text: string): boolean {
  try {
    parseLabelSelector(text);
    return true;
  } catch (err) {
    if (err instanceof LabelSelectorError) return false;
    throw err;
  }
}
