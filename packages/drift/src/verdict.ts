import type { KubeOvnKind, ResourceRow, RuleRef } from '@natscope/api';
import type { EipProblem } from './gateway-scope.js';
import type { DnatMapping, FipMapping, SnatMapping } from './mapping-index.js';
import type { Readiness } from './readiness.js';

/** The kinds that name an EIP and expect rules on it. */
export type NatKind = 'IptablesFIPRule' | 'IptablesDnatRule' | 'IptablesSnatRule';

/**
 * What matching decided about one object that is not settled by its exact rules: the facts a drift check needs to
 * word its finding, and nothing worded yet. `at` is its place in the order matching judged objects in (row order),
 * which the findings keep within a severity.
 */
export type Verdict = { row: ResourceRow; at: number } & (
  | {
      code: 'eip-unresolved';
      kind: NatKind;
      eipName: string;
      problem: EipProblem;
      refs: RuleRef[];
      leftEip: string | null;
    }
  | { code: 'resource-not-ready'; what: 'no-address' }
  | {
      code: 'resource-not-ready';
      what: 'not-ready';
      kind: KubeOvnKind;
      ready: Readiness;
      eip: string | null;
      tolerated: RuleRef[];
      changed: string;
    }
  | { code: 'rule-missing'; what: 'hairpin'; eip: string }
  | { code: 'rule-missing'; what: 'fip'; eip: string; internalIp: string }
  | { code: 'rule-missing'; what: 'fip-half'; eip: string; internalIp: string; refs: RuleRef[]; inbound: boolean }
  | {
      code: 'rule-missing';
      what: 'dnat';
      eip: string;
      protocol: string;
      externalPort: number;
      internalIp: string;
      internalPort: number;
    }
  | { code: 'rule-missing'; what: 'snat'; eip: string; cidr: string }
  | {
      code: 'rule-differs';
      what: 'fip';
      eip: string;
      internalIp: string;
      statusIp: string | null;
      others: FipMapping[];
      refs: RuleRef[];
    }
  | {
      code: 'rule-differs';
      what: 'dnat';
      eip: string;
      protocol: string;
      externalPort: number;
      internalIp: string;
      internalPort: number;
      statusIp: string | null;
      statusPort: number | null;
      others: DnatMapping[];
      refs: RuleRef[];
    }
  | {
      code: 'rule-differs';
      what: 'snat';
      eip: string;
      cidr: string;
      v4ip: string | null;
      others: SnatMapping[];
      refs: RuleRef[];
    }
);

/** The verdicts of one finding code. */
export type VerdictOf<C extends Verdict['code']> = Extract<Verdict, { code: C }>;
