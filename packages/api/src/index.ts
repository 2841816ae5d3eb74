export * from './report.js';
export * from './gateway.js';
export * from './trace.js';
export * from './kubeovn.js';
export * from './drift.js';
export * from './is-problem.js';
export * from './diff.js';
export * from './history.js';
