export type * from './chain-graph-types.js';
