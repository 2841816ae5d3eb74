/** The command line itself is wrong (unknown option, missing file argument, unreadable file): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The usage text to print after the message, if any. */
  readonly usage: string | null;

  constructor(message: string, usage: string | null = null) {
    super(message);
    this.usage = usage;
  }
}

/** The input was read but is not text we can take (a --crs file that is not UTF-8 YAML or JSON): exit 1, like a syntax error. */
export class InputError extends Error {
  override name = 'InputError';
}
