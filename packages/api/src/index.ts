export * from './report.js';
export * from './gateway.js';
export * from './trace.js';
