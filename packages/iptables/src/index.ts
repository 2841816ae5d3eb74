export type * from './types.js';
export { parse, type ParseOptions } from './parse.js';
export { print } from './print.js';
export { IptablesSyntaxError, type IptablesSyntaxErrorInit } from './iptables-syntax-error.js';
export { plainDecoded, plainDecodedRule } from './plain-decoded.js';
