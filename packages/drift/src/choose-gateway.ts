import { gatewayNamedBy } from './gateway-named-by.js';

/**
 * Which gateway of an objects file a dump is compared as: the one asked for, the only one, or the one the dump's file
 * is named after (its pod's name). Otherwise why none could be chosen, for the caller to say in its own words.
 */
export type GatewayChoice =
  | { kind: 'chosen'; gateway: string }
  /** `wanted` is not among the file's gateways. */
  | { kind: 'not-present'; wanted: string }
  /** The file names no gateway (no VpcNatGateway, no IptablesEIP). */
  | { kind: 'none' }
  /** Several, and neither `wanted` nor the dump's name says which. */
  | { kind: 'several' };

/** The gateway to compare `dumpName` as, among `present` (gatewaysIn of the objects), given `wanted` if any. */
export function chooseGateway(wanted: string | null, present: readonly string[], dumpName: string): GatewayChoice {
  if (wanted !== null)
    return present.includes(wanted) ? { kind: 'chosen', gateway: wanted } : { kind: 'not-present', wanted };
  if (present.length === 1) return { kind: 'chosen', gateway: present[0]! };
  if (present.length === 0) return { kind: 'none' };
  // A dump saved under its pod's name (vpc-nat-gw-<gateway>-0…) says which of several gateways it is from.
  const named = gatewayNamedBy(dumpName, present);
  return named === null ? { kind: 'several' } : { kind: 'chosen', gateway: named };
}
