/** Renders a kubeconfig (YAML) for one cluster with a CA and a bearer-token user, as kubectl and client-node read it. */
export function renderKubeconfig(opts: { server: string; caCert: string; token: string; namespace?: string }): string {
  const ca = Buffer.from(opts.caCert).toString('base64');
  // Every value is either base64, a URL we built, or quoted JSON: YAML reads JSON strings as-is.
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kube-sim',
    '  cluster:',
    `    server: ${JSON.stringify(opts.server)}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    '- name: kube-sim-user',
    '  user:',
    `    token: ${JSON.stringify(opts.token)}`,
    'contexts:',
    '- name: kube-sim',
    '  context:',
    '    cluster: kube-sim',
    '    user: kube-sim-user',
    ...(opts.namespace ? [`    namespace: ${JSON.stringify(opts.namespace)}`] : []),
    'current-context: kube-sim',
    'preferences: {}',
    '',
  ].join('\n');
}
