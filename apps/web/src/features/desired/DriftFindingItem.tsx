import type { DriftFinding } from '@natscope/api';
import { RuleLinks } from './RuleLinks.js';

/**
 * One finding of the comparison (`data-testid="drift-<index>"`): severity in words and colour, its code, the whole
 * message (it says what to do; never cut), its EIP, and the rules it names as links to the graph. A code this
 * version does not know is shown the same way.
 */
export function DriftFindingItem({ index, finding }: { index: number; finding: DriftFinding }) {
  return (
    <li className={`diagnostic diagnostic--${finding.severity} drift-finding`} data-testid={`drift-${index}`}>
      <span className={`badge badge--sev-${finding.severity}`}>{finding.severity}</span>
      <code className="diagnostic__code">{finding.code}</code>
      {finding.eip && <span className="drift-finding__eip mono">EIP {finding.eip}</span>}
      <p className="drift-finding__message">{finding.message}</p>
      {finding.rules.length > 0 && <RuleLinks rules={finding.rules} />}
    </li>
  );
}
