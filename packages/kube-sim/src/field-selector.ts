/** One `field=value` / `field!=value` term of a field selector. */
export interface FieldRequirement {
  field: string;
  value: string;
  negated: boolean;
}

/** A field selector failure with the server's message (answered with 400). */
export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

/**
 * Parses a field selector (`metadata.name=x,status.phase!=Running`) and checks every field against
 * the ones the resource supports, as the real server does ("field label not supported: …").
 */
export function parseFieldSelector(text: string, supported: readonly string[]): FieldRequirement[] {
  if (text.trim() === '') return [];
  return splitTerms(text).map((term) => {
    const m = /^([^=!]+?)(==|=|!=)(.*)$/.exec(term.trim());
    if (!m) throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = (m[1] as string).trim();
    if (!supported.includes(field)) throw new FieldSelectorError(`field label not supported: ${field}`);
    return { field, value: unescape(m[3] as string), negated: m[2] === '!=' };
  });
}

// Terms are separated by unescaped commas; "\," "\=" "\\" are escapes inside values.
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** True when every requirement holds for the object's field values. */
export function fieldsMatch(reqs: readonly FieldRequirement[], fields: Readonly<Record<string, string>>): boolean {
  return reqs.every((r) => ((fields[r.field] ?? '') === r.value) !== r.negated);
}
