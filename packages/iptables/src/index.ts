export type * from './types.js';
export { parse, type ParseOptions } from './parse.js';
export { print } from './print.js';
export { IptablesSyntaxError, type IptablesSyntaxErrorInit } from './iptables-syntax-error.js';
export { plainDecoded } from './plain-decoded.js';
export { decodeDump, type DecodedDump, type NonUtf8Byte } from './decode-dump.js';
export { decodeDumpBytes } from './decode-dump-bytes.js';
export { encodeDump } from './encode-dump.js';
<<<<<<< HEAD
export { escapeNonUtf8, hasNonUtf8, NON_UTF8_BASE, NON_UTF8_BYTES } from './non-utf8.js';
export { readPastedDump, type PastedDump, type SkippedLine } from './read-pasted-dump.js';
=======
export { escapeNonUtf8, hasNonUtf8, NON_UTF8_BYTES } from './non-utf8.js';
>>>>>>> arch
