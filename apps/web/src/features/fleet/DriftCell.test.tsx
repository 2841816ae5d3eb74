import { GatewayDrift } from '@natscope/api';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DriftCell } from './DriftCell.js';

afterEach(cleanup);

// Through the schema, as GET /api/gateways sends it.
const drift = (value: unknown) => GatewayDrift.parse(value);

describe('the fleet desired-state cell', () => {
  it('says in sync', () => {
    render(<DriftCell drift={drift({ status: 'in-sync', counts: { error: 0, warning: 0, info: 0 } })} />);
    expect(screen.getByText('in sync').className).toContain('badge--status-ok');
  });

  it('counts the findings in the colour of the worst, and names their severities in words', () => {
    render(<DriftCell drift={drift({ status: 'drifted', counts: { error: 2, warning: 6, info: 0 } })} />);
    const badge = document.querySelector('.badge')!;
    expect(badge.className).toContain('badge--sev-error');
    expect(badge.textContent).toBe('8 findings: 2 errors, 6 warnings');
    expect(badge.getAttribute('title')).toBe('2 errors, 6 warnings');
  });

  it('shows a short reason for unknown on the row itself', () => {
    render(
      <DriftCell
        drift={drift({ status: 'unknown', reason: 'no reading yet', counts: { error: 0, warning: 0, info: 0 } })}
      />,
    );
    expect(screen.getByText('unknown')).toBeTruthy();
    expect(screen.getByText('no reading yet').tagName).toBe('SPAN');
  });

  it('shows the start of a long reason and the whole of it, preformatted, behind a disclosure', () => {
    const reason =
      'vpc-nat-gw-locked-0: its rules could not be read (exec-forbidden): tenant-b/vpc-nat-gw-locked-0: exec forbidden. natscope needs:\n  verbs: ["get", "create"]';
    render(<DriftCell drift={drift({ status: 'unknown', reason, counts: { error: 0, warning: 0, info: 0 } })} />);
    const summary = document.querySelector('summary')!;
    expect(summary.textContent).toBe(
      'vpc-nat-gw-locked-0: its rules could not be read (exec-forbidden)… (show the whole reason)',
    );
    fireEvent.click(summary);
    expect(document.querySelector('details pre')?.textContent).toBe(reason);
  });
});
