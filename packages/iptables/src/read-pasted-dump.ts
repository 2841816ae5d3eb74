/** One line of a pasted dump that was not read as iptables-save output: where it was and what it said. */
export interface SkippedLine {
  /** 1-based line in the text as given. */
  line: number;
  text: string;
}

/** A dump as a person copied it, made into what iptables-save printed, and what was changed to get there. */
export interface PastedDump {
  /** The text to parse: same line numbers as the input (a skipped line becomes an empty one). */
  text: string;
  /** What was changed, in words, for the page to say ("CRLF line ends read as LF", …); empty when nothing was. */
  changes: string[];
  /** Lines before the first table or after the last COMMIT that are not iptables-save output (a prompt, a command). */
  skipped: SkippedLine[];
}

const BOM = 0xfeff;
// A line iptables-save prints: a comment, a table, a chain, a rule (with or without [p:b] in front) or COMMIT.
const DUMP_LINE = /^\s*(#|\*|:|-A\s|\[\d+:\d+\]\s|COMMIT\s*$)/;
const TRAILING_BLANKS = /[ \t]+$/;

/**
 * Reads iptables-save output the way it reaches a ticket: CRLF line ends, a byte-order mark, trailing spaces, a shell
 * prompt or the command line before the dump, a prompt after it. Only what cannot be part of a dump is changed, and
 * only where the change is unambiguous: lines before the first dump line or after the last `COMMIT` that are not
 * dump lines are skipped (kept as empty lines, so every line keeps its number and an error still points at the
 * pasted line); a line inside the dump that is not iptables-save output is left for `parse` to reject with its
 * position. `-c` or not, `iptables-save` or `iptables-legacy-save`: the parser reads them all as they are.
 */
export function readPastedDump(input: string): PastedDump {
  const changes: string[] = [];
  let text = input;
  if (text.charCodeAt(0) === BOM) {
    text = text.slice(1);
    changes.push('a byte-order mark at the start removed');
  }
  if (text.includes('\r\n')) {
    text = text.replace(/\r\n/g, '\n');
    changes.push('CRLF line ends read as LF');
  }
  const lines = text.split('\n');
  let trimmed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (TRAILING_BLANKS.test(line)) {
      lines[i] = line.replace(TRAILING_BLANKS, '');
      trimmed++;
    }
  }
  if (trimmed > 0) changes.push(`trailing spaces removed from ${trimmed} ${trimmed === 1 ? 'line' : 'lines'}`);

  const first = lines.findIndex((l) => DUMP_LINE.test(l));
  let last = -1;
  for (let i = lines.length - 1; i >= 0; i--)
    if (/^\s*COMMIT\s*$/.test(lines[i] as string)) {
      last = i;
      break;
    }
  const skipped: SkippedLine[] = [];
  const skip = (i: number) => {
    const line = lines[i] as string;
    // `# Completed on …` after the last COMMIT is iptables-save's own; blank lines are nothing to report.
    if (line.trim() === '' || DUMP_LINE.test(line)) return;
    skipped.push({ line: i + 1, text: line });
    lines[i] = '';
  };
  // No dump line at all: nothing is skipped, so parse names the first line and says what it expected there.
  if (first > 0) for (let i = 0; i < first; i++) skip(i);
  if (first >= 0 && last >= first) for (let i = last + 1; i < lines.length; i++) skip(i);
  if (skipped.length > 0) {
    const where = skipped.map((s) => s.line).join(', ');
    changes.push(`${skipped.length === 1 ? 'line' : 'lines'} ${where} skipped: not iptables-save output`);
  }
  return { text: lines.join('\n'), changes, skipped };
}
