export { readResources, type ReadResources } from './read-resources.js';
export { ResourceFileError } from './resource-file-error.js';
export { gatewaysIn } from './gateways-in.js';
