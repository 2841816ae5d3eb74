import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDrift, LISTED_AT, unknownDrift } from '../../../test/fixture-drift.js';
import type { PodDrift } from '@natscope/api';
import type { ResourceKey } from '../../lib/url-state.js';
import { DesiredView } from './DesiredView.js';

afterEach(cleanup);

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.search}</output>;
}

function renderView(
  drift: PodDrift,
  selected: ResourceKey | null = null,
  search = '?view=desired&pod=vpc-nat-gw-gw1-0',
) {
  render(
    <MemoryRouter initialEntries={[`/gateways/kube-system/gw1${search}`]}>
      <Routes>
        <Route
          path="/gateways/:namespace/:name"
          element={
            <>
              <DesiredView drift={drift} selected={selected} now={Date.parse(LISTED_AT) + 42_000} />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the desired view', () => {
  it('says the status, and when the objects were listed', () => {
    renderView(fixtureDrift('in-sync-v116-legacy').drift);
    expect(screen.getByRole('heading', { level: 2, name: /^Desired vs actual: In sync/ })).toBeTruthy();
    expect(screen.getByText(/Objects listed/).textContent).toContain('42 s ago');
    expect(document.querySelector('time')?.getAttribute('datetime')).toBe(LISTED_AT);
  });

  it('has a section with a heading per kind, and a row per object with its fields, ready and the rules it owns', () => {
    renderView(fixtureDrift('in-sync-v116-legacy').drift);
    for (const kind of [
      'VpcNatGateway',
      'IptablesEIP',
      'IptablesFIPRule',
      'IptablesDnatRule',
      'IptablesSnatRule',
      'Rules no object owns',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name: new RegExp(`^${kind} \\(\\d+\\)$`) })).toBeTruthy();
    }
    const fip = screen.getByTestId('resource-IptablesFIPRule-fip-vm1');
    expect(fip.textContent).toContain('ready');
    expect(within(fip).getByText('internal IP').nextElementSibling?.textContent).toMatch(/^10\.0\.1\.\d+$/);
    const links = within(fip).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      expect.stringMatching(/^Open nat EXCLUSIVE_DNAT #1 on the graph l\.\d+$/),
      expect.stringMatching(/EXCLUSIVE_SNAT #1/),
    ]);
  });

  it('links an owned rule to the graph with the rule selected, keeping the pod', () => {
    renderView(fixtureDrift('in-sync-v116-legacy').drift, null, '?view=desired&pod=vpc-nat-gw-gw1-0&diag=2');
    const link = within(screen.getByTestId('resource-IptablesDnatRule-dnat-ssh')).getByRole('link', {
      name: /SHARED_DNAT #1/,
    });
    expect(link.getAttribute('href')).toBe('/gateways/kube-system/gw1?pod=vpc-nat-gw-gw1-0&rule=nat%2FSHARED_DNAT%2F1');
    fireEvent.click(link);
    expect(screen.getByTestId('where').textContent).toBe('?pod=vpc-nat-gw-gw1-0&rule=nat%2FSHARED_DNAT%2F1');
  });

  it('says "missing" for an object whose rules are gone, with each finding in full', () => {
    const { drift } = fixtureDrift('restarted-empty-v114-nft');
    renderView(drift);
    const fip = screen.getByTestId('resource-IptablesFIPRule-fip-vm1');
    expect(within(fip).getByText('missing')).toBeTruthy();
    const index = drift.drifts.findIndex((d) => d.code === 'rule-missing' && d.resource?.name === 'fip-vm1');
    const finding = within(fip).getByTestId(`drift-${index}`);
    expect(finding.textContent).toContain(drift.drifts[index]!.message);
    expect(finding.textContent).toMatch(/^error/);
  });

  it('lists the findings worst first at the top, each naming its object as a link to its row', () => {
    const { drift } = fixtureDrift('not-ready-v116-legacy');
    renderView(drift);
    const status = screen.getByRole('region', { name: /^Desired vs actual/ });
    const items = [...status.querySelectorAll('.findings-glance__item')];
    expect(items.map((i) => i.textContent)).toEqual(
      drift.drifts.map((d) => `${d.severity}${d.code}${d.resource!.kind} ${d.resource!.name}`),
    );
    fireEvent.click(within(status).getByRole('link', { name: 'IptablesSnatRule snat-vpc2' }));
    expect(screen.getByTestId('where').textContent).toBe(
      '?view=desired&pod=vpc-nat-gw-gw1-0&resource=IptablesSnatRule%2Fsnat-vpc2',
    );
  });

  it('says an object that is not ready holds no rule, and why', () => {
    renderView(fixtureDrift('not-ready-v116-legacy').drift);
    expect(
      within(screen.getByTestId('resource-IptablesDnatRule-dnat-ssh-new')).getByText('none (not ready)'),
    ).toBeTruthy();
    expect(
      within(screen.getByTestId('resource-IptablesEIP-eip-fip')).getByRole('link', { name: /HAIRPIN_SNAT #2/ }),
    ).toBeTruthy();
  });

  it('lists the rules no object owns in their own section, as links to the graph', () => {
    const { drift } = fixtureDrift('fip-deleted-rules-left-v113-legacy');
    renderView(drift);
    const section = screen.getByRole('region', { name: /^Rules no object owns/ });
    const finding = within(section).getByTestId('drift-0');
    expect(finding.textContent).toContain('warning');
    expect(finding.textContent).toContain(drift.drifts[0]!.message);
    expect(
      within(finding)
        .getAllByRole('link')
        .map((l) => l.getAttribute('href')),
    ).toEqual([
      '/gateways/kube-system/gw1?pod=vpc-nat-gw-gw1-0&rule=nat%2FEXCLUSIVE_DNAT%2F2',
      '/gateways/kube-system/gw1?pod=vpc-nat-gw-gw1-0&rule=nat%2FEXCLUSIVE_SNAT%2F2',
    ]);
  });

  it('shows notes, conditions and the YAML behind a disclosure named after its object', () => {
    const { drift } = fixtureDrift('spellings-v116-legacy');
    renderView(drift);
    const dnat = screen.getByTestId('resource-IptablesDnatRule-dnat-ssh');
    const row = drift.resources.find((r) => r.name === 'dnat-ssh')!;
    expect(dnat.textContent).toContain(row.notes[0]);
    const summary = within(dnat).getByText('YAML', { exact: false, selector: 'summary' });
    expect(summary.textContent).toBe('YAML of IptablesDnatRule dnat-ssh');
    expect(dnat.querySelector('details pre')?.textContent).toBe(row.yaml);
  });

  it('brings the object a link names into view and gives it focus', () => {
    renderView(fixtureDrift('in-sync-v116-legacy').drift, { kind: 'IptablesSnatRule', name: 'snat-vpc2' });
    const row = screen.getByTestId('resource-IptablesSnatRule-snat-vpc2');
    expect(row.className).toContain('resource-rows--selected');
    expect(document.activeElement).toBe(row);
  });

  it('says why an unknown comparison is unknown, in full and preformatted, without empty tables', () => {
    const reason =
      'the kubeovn.io objects could not be listed (403). natscope needs:\n  - apiGroups: ["kubeovn.io"]\n    verbs: ["get", "list", "watch"]';
    renderView(unknownDrift(reason));
    expect(screen.getByRole('heading', { level: 2, name: /Unknown/ })).toBeTruthy();
    expect(document.querySelector('.desired-status pre')?.textContent).toBe(reason);
    expect(screen.getByText(/have not been listed yet/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /^IptablesFIPRule/ })).toBeNull();
  });
});
