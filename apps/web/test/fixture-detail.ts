import { GatewayDetail, type InspectReport } from '@natscope/api';

/**
 * A gateway detail as the API serves it around a fixture's report and raw text, validated by the shared schema
 * (so a field a test relies on cannot go missing). Sent through JSON as the API does: a byte that is not UTF-8
 * in `raw` travels as \udcXX and comes back as the same character.
 */
export function fixtureDetail(
  report: InspectReport,
  raw: string,
  fields: { namespace: string; name: string; context: string },
): GatewayDetail {
  const pod = `vpc-nat-gw-${fields.name}-0`;
  return GatewayDetail.parse(
    JSON.parse(
      JSON.stringify({
        ...fields,
        source: 'kubernetes',
        pods: [{ name: pod, phase: 'Running', ready: true }],
        status: 'ok',
        backend: 'legacy',
        collectedAt: '2026-08-22T10:15:30.418Z',
        ageSeconds: 3,
        stale: false,
        counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3, rules: report.stats.rules },
        diagnostics: { error: 0, warning: 0, info: 0 },
        drift: {
          gateway: fields.name,
          status: 'in-sync',
          drifts: [],
          resources: [],
          listedAt: '2026-08-22T10:15:29.000Z',
        },
        reading: 'ok',
        health: 'healthy',
        headline: 'read · healthy',
        lastRuleChangeAt: null,
        pod,
        raw,
        stderr: '',
        report,
      }),
    ),
  );
}
