export { compareDesired, type CompareInput } from './compare-desired.js';
export { unknownDrift } from './unknown-drift.js';
export { readResources, type ReadResources } from './read-resources.js';
export { ResourceFileError } from './resource-file-error.js';
export { gatewaysIn } from './gateways-in.js';
export { kernelCidr, kernelHost, kernelProtocol } from './kernel-spelling.js';
export { listedResources, type ListedResources } from './listed-resources.js';
export { gatewayFingerprints } from './gateway-fingerprints.js';
export { objectYaml } from './object-yaml.js';
