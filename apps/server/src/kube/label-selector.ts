// The grammar of a Kubernetes label selector (apimachinery `labels.Parse`): comma-separated requirements,
// each `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)` or `key notin (a,b)`.
// Checked here so a typo stops the start with one line instead of a 400 from the API server on every poll.
const NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const KEY = `(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?/)?${NAME}`;
const VALUE = `(?:${NAME})?`;
const SP = '[ \\t]';
const REQUIREMENT = new RegExp(
  `^${SP}*(?:!${SP}*${KEY}|${KEY}(?:${SP}*(?:==?|!=)${SP}*${VALUE}|${SP}+(?:in|notin)${SP}*\\(${SP}*${VALUE}(?:${SP}*,${SP}*${VALUE})*${SP}*\\))?)${SP}*$`,
);

/** True when `text` is a valid Kubernetes label selector (the empty string selects everything). */
export function isLabelSelector(text: string): boolean {
  if (text.length > 4096) return false;
  if (text.trim() === '') return true;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0 || depth > 1) return false;
  }
  if (depth !== 0) return false;
  parts.push(text.slice(start));
  return parts.every((p) => REQUIREMENT.test(p));
}
