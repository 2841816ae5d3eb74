import type { KubeCondition } from '@natscope/api';

/** Whether an object is ready, and in words why not. */
export interface Readiness {
  ready: boolean;
  conditions: KubeCondition[];
  /** Why it is not ready, for a message ('' when ready). */
  why: string;
  /** The object has no status at all: the controller never programmed it. */
  neverProgrammed: boolean;
}

interface StatusLike {
  ready?: boolean | undefined;
  redo?: string | undefined;
  conditions?: KubeCondition[] | null | undefined;
}

// Shared by every ready object without conditions (nearly all of them): frozen, so no row can change another's.
const NO_CONDITIONS: KubeCondition[] = [];
Object.freeze(NO_CONDITIONS);
const READY: Readiness = Object.freeze({ ready: true, conditions: NO_CONDITIONS, why: '', neverProgrammed: false });

/**
 * Readiness as Kube-OVN keeps it: `status.ready` (the Ready printer column). The controller writes no conditions for
 * these kinds, so a Ready condition is only read when `status.ready` is absent, and quoted when it explains a failure.
 */
export function readiness(status: StatusLike | undefined): Readiness {
  if (status?.ready === true && !status.conditions?.length) return READY;
  const conditions = status?.conditions ?? [];
  const condition = conditions.find((c) => c.type === 'Ready');
  if (!status) {
    return {
      ready: false,
      conditions,
      why: 'it has no status: the controller has never programmed it',
      neverProgrammed: true,
    };
  }
  const ready = status.ready ?? condition?.status === 'True';
  if (ready) return { ready, conditions, why: '', neverProgrammed: false };
  const parts = [status.ready === false ? 'status.ready is false' : 'status.ready is not set'];
  if (condition && condition.status !== 'True') {
    const said = [condition.reason, condition.message].filter((s) => s).join(': ');
    parts.push(`its Ready condition is ${condition.status}${said ? ` (${said})` : ''}`);
  }
  if (status.redo)
    parts.push(`status.redo is ${status.redo}, so it was marked for replay after a gateway pod (re)start`);
  return { ready: false, conditions, why: parts.join('; '), neverProgrammed: false };
}
