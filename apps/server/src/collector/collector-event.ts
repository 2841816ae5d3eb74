import type { CollectError } from './collect-error.js';
import type { GatewayState, PodState, RefreshStats } from './gateway-state.js';
import type { PodReading } from './read-pod.js';

/** Whether a gateway could be read: every pod read (ok), any pod failing (error), or not attempted yet (pending). */
export type ReadingStatus = 'ok' | 'error' | 'pending';

/**
 * What the collector tells its listeners, each from the one place it happens: a pod's good reading, a pod's
 * failed attempt (also every pod's when the listing fails), a gateway's reading status changing, and the start
 * and end of a pass (for work done once per poll beside the execs, such as listing the kubeovn.io resources).
 */
export type CollectorEvent =
  | { type: 'pass-start' }
  | { type: 'reading'; gateway: GatewayState; pod: PodState; reading: PodReading }
  | { type: 'error'; gateway: GatewayState; pod: PodState; error: CollectError }
  | { type: 'status'; gateway: GatewayState; before: ReadingStatus; after: ReadingStatus }
  | { type: 'listing-failed'; error: CollectError }
  | { type: 'pass'; stats: RefreshStats };

/** A subscriber to the collector. It runs synchronously in the collector's pass: keep it cheap, never throw. */
export type CollectorListener = (event: CollectorEvent) => void;
