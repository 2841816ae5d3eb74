import type { DriftReport, GatewayDrift, PodDrift } from '@natscope/api';
import { unknownDrift } from '@natscope/drift';
import type { GatewayState, PodState } from '../collector/collector.js';

/** Where the views get a gateway's desired-vs-actual state from (DesiredState in the server). */
export interface DriftSource {
  /** The fleet row's drift: the worst of the gateway's pods. */
  summary(gw: GatewayState): GatewayDrift;
  /** One pod's comparison as it stands (no YAML), or `unknown` and why there is none. */
  podReport(gw: GatewayState, pod: PodState): DriftReport;
  /** One pod's comparison, each object's row with its YAML. */
  podDrift(gw: GatewayState, pod: PodState): PodDrift;
}

const WHY = 'this server was started without the desired-state comparison (no kubeovn.io objects are listed)';

/** For an app built without a comparison (tests of other parts): every gateway `unknown`, saying why. */
export const NO_DRIFT_SOURCE: DriftSource = {
  summary: () => ({ status: 'unknown', reason: WHY, counts: { error: 0, warning: 0, info: 0 } }),
  podReport: (gw) => unknownDrift(gw.name, WHY),
  podDrift: (gw) => ({ ...unknownDrift(gw.name, WHY), listedAt: null }),
};
