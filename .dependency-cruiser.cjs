// The allowed arrows between the parts (../shared/design.md, "Parts"): `pnpm lint` fails on any other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import of a package the importer does not depend on.',
      from: {},
      to: { couldNotResolve: true },
    },
    { name: 'packages-never-import-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^apps/' } },
    {
      name: 'iptables-imports-nothing',
      severity: 'error',
      from: { path: '^packages/iptables/src' },
      to: { path: '^packages/(?!iptables/)' },
    },
    {
      name: 'api-imports-no-workspace-code',
      severity: 'error',
      from: { path: '^packages/api/src' },
      to: { path: '^(packages/(?!api/)|apps/)' },
    },
    {
      name: 'natgw-imports-iptables-and-api-only',
      severity: 'error',
      from: { path: '^packages/natgw/src' },
      to: { path: '^packages/(?!natgw/|iptables/|api/)' },
    },
    {
      name: 'web-imports-no-server',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/(server|cli)/' },
    },
    {
      name: 'cli-imports-no-server-or-web',
      severity: 'error',
      from: { path: '^apps/cli/' },
      to: { path: '^apps/(server|web)/' },
    },
    {
      name: 'server-imports-no-web-or-cli',
      severity: 'error',
      from: { path: '^apps/server/' },
      to: { path: '^apps/(web|cli)/' },
    },
    {
      name: 'only-graph-imports-react-flow',
      severity: 'error',
      from: { path: '^apps/web/src', pathNot: '^apps/web/src/features/graph/' },
      to: { path: '@xyflow' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(apps|packages)/[^/]+/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
