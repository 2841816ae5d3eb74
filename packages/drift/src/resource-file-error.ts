/** A kubeovn.io objects file that is not what `kubectl get … -o yaml|json` prints; `message` is `file:line:column: reason`. */
export class ResourceFileError extends Error {
  override name = 'ResourceFileError';
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly reason: string;

  constructor(file: string, line: number, column: number, reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}
