import type {
  DriftFinding,
  DriftReport,
  InspectReport,
  IptablesDnatRule,
  IptablesEIP,
  IptablesFIPRule,
  IptablesSnatRule,
  KubeOvnKind,
  KubeOvnResources,
  Mapping,
  ResourceFields,
  ResourceRow,
  RuleRef,
  Severity,
} from '@natscope/api';
import { objectYaml } from './object-yaml.js';
import { DriftWords } from './drift-words.js';
import { type EipProblem, gatewayScope, type GatewayScope, type ScopedEip, type ScopedRule } from './gateway-scope.js';
import { hasHostBits, kernelCidr, kernelHost, kernelProtocol } from './kernel-spelling.js';
import { dnatKey, MappingIndex, snatKey } from './mapping-index.js';
import { type Readiness, readiness } from './readiness.js';
import { unknownDrift } from './unknown-drift.js';

/** What compareDesired compares: one gateway's inspect report and the kubeovn.io objects (of any gateways). */
export interface CompareInput {
  gateway: string;
  report: InspectReport;
  resources: KubeOvnResources;
  /** Put each object's YAML into its row (for a drift view; costs time on big gateways). */
  yaml?: boolean;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// What an object still has to judge once every object has taken its exact rules; null when it is settled already.
type Pass2 = (() => void) | null;
type KubeObject = IptablesEIP | IptablesFIPRule | IptablesDnatRule | IptablesSnatRule;

function port(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,5}$/.test(value.trim())) return null;
  const n = Number(value);
  return n <= 65535 ? n : null;
}

/** ` Spec and status differ (…)`, naming each field whose status (what was last programmed) is not the spec; or ''. */
function specVsStatus(pairs: [string, string | number | null, string | number | null][]): string {
  const diffs = pairs.filter(([, spec, status]) => status !== null && spec !== status);
  if (!diffs.length) return '';
  const list = diffs.map(([field, spec, status]) => `${field}: spec ${spec}, status ${status}`).join('; ');
  return ` Spec and status differ (${list}): status says what was last programmed, so a change has not been applied yet (#6412).`;
}

// Shared, frozen empties for the rows' lists: nearly every row of a big gateway has no finding and no note.
const NO_RULES: RuleRef[] = [];
Object.freeze(NO_RULES);
const NONE: never[] = [];
Object.freeze(NONE);

/** Adds a note to a row (whose list may still be the shared empty one). */
function note(row: ResourceRow, text: string): void {
  if (row.notes === NONE) row.notes = [];
  row.notes.push(text);
}

/** Whether a floating IP's rules have their inbound (EXCLUSIVE_DNAT) and outbound (EXCLUSIVE_SNAT) halves. */
function halves(refs: readonly RuleRef[]): [boolean, boolean] {
  let inbound = false;
  let outbound = false;
  for (const r of refs) {
    if (r.chain === 'EXCLUSIVE_DNAT') inbound = true;
    else if (r.chain === 'EXCLUSIVE_SNAT') outbound = true;
  }
  return [inbound, outbound];
}

/** The rules of `mappings` by line. One mapping's rules are already in line order, and are shared, not copied. */
function refsOf(mappings: readonly Mapping[]): RuleRef[] {
  if (mappings.length === 0) return NO_RULES;
  if (mappings.length === 1) return mappings[0]!.rules;
  return mappings.flatMap((m) => m.rules).sort((a, b) => a.line - b.line);
}

/** One comparison: pass 1 lets every object take the mappings it wants exactly (settling those whose rules are all there), pass 2 judges the rest. */
class Comparison {
  readonly #input: CompareInput;
  readonly #gw: string;
  readonly #scope: GatewayScope;
  readonly #index: MappingIndex;
  readonly #words: DriftWords;
  readonly #hairpinChain: boolean;
  readonly #lost: string;
  readonly #findings: { finding: DriftFinding; row: ResourceRow | null }[] = [];
  readonly #rows: ResourceRow[] = [];

  constructor(input: CompareInput) {
    this.#input = input;
    this.#gw = input.gateway;
    this.#scope = gatewayScope(input.gateway, input.resources);
    this.#index = new MappingIndex(input.report.mappings);
    const namespace = this.#scope.gateway?.spec.namespace || this.#scope.eips.find((e) => e.object.spec.namespace)?.object.spec.namespace || 'kube-system';
    this.#words = new DriftWords(input.gateway, input.report.backend, namespace, this.#scope.gateway?.spec.replicas ?? 1);
    const nat = input.report.tables.find((t) => t.name === 'nat');
    // v1.16+ init creates HAIRPIN_SNAT; only then does every EIP get a hairpin rule.
    this.#hairpinChain = nat?.chains.some((c) => c.name === 'HAIRPIN_SNAT') ?? false;
    this.#lost = input.report.diagnostics.some((d) => d.code === 'gateway-not-initialized')
      ? " The nat table lacks the chains Kube-OVN's init creates: the pod restarted and was not initialised again (#3241, #4987), so every rule is gone."
      : '';
  }

  run(): DriftReport {
    const later: Pass2[] = [];
    this.#gatewayRow();
    for (const eip of this.#scope.eips) later.push(this.#eip(eip));
    for (const fip of this.#scope.fips) later.push(this.#fip(fip));
    for (const dnat of this.#scope.dnats) later.push(this.#dnat(dnat));
    for (const snat of this.#scope.snats) later.push(this.#snat(snat));
    for (const judge of later) judge?.();
    for (const m of this.#index.leftovers()) this.#orphan(m);

    // Pass 2 and the orphans emit findings in row order, so a stable sort by severity keeps objects as listed.
    const order = [...this.#findings].sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity]);
    order.forEach(({ row }, n) => {
      if (!row) return;
      if (row.findings === NONE) row.findings = [];
      row.findings.push(n);
    });
    const drifts = order.map((f) => f.finding);
    const drifted = drifts.some((d) => d.severity !== 'info');
    return { gateway: this.#gw, status: drifted ? 'drifted' : 'in-sync', drifts, resources: this.#rows };
  }

  // ---- rows and findings

  #row(kind: KubeOvnKind, object: KubeObject | NonNullable<GatewayScope['gateway']>, ready: Readiness, fields: ResourceFields): ResourceRow {
    const row: ResourceRow = { kind, name: object.metadata.name, ready: ready.ready, conditions: ready.conditions, fields, rules: NO_RULES, findings: NONE, notes: NONE };
    if (object.metadata.deletionTimestamp) {
      note(row, `Being deleted since ${object.metadata.deletionTimestamp}; the controller's finalizer keeps it until its rules are removed.`);
    }
    if (this.#input.yaml) row.yaml = objectYaml(object);
    this.#rows.push(row);
    return row;
  }

  #own(row: ResourceRow, mappings: readonly Mapping[]): RuleRef[] {
    const refs = refsOf(mappings);
    row.rules = refs;
    return refs;
  }

  #finding(row: ResourceRow | null, code: string, severity: Severity, message: string, eip: string | null, rules: RuleRef[]): void {
    const resource = row ? { kind: row.kind, name: row.name } : null;
    this.#findings.push({ finding: { code, severity, message, resource, eip, rules }, row });
  }

  get #fix(): string {
    return `${this.#words.replay}. Check with: ${this.#words.save}.`;
  }

  #notReady(row: ResourceRow, kind: KubeOvnKind, ready: Readiness, eip: string | null, tolerated: RuleRef[], changed = ''): void {
    const kept = tolerated.length
      ? `, and ${tolerated.length === 1 ? 'the rule that matches it' : 'the rules that match it'} (${this.#words.rules(tolerated)}) ${tolerated.length === 1 ? 'is' : 'are'} not counted as orphaned`
      : '';
    this.#finding(
      row,
      'resource-not-ready',
      'warning',
      `${kind} ${row.name} is not ready: ${ready.why}.${changed} Its rule is not expected yet${kept}. The controller writes no reason into the object; its log says why: ${this.#words.logs(row.name)}. The object: ${this.#words.get(kind, row.name)}.`,
      eip,
      tolerated,
    );
  }

  /**
   * The object's EIP gives it no address here. Its last programmed rule (by its status) may still be in the pod: the
   * object then accounts for it, and the message says it is there.
   */
  #unresolved(row: ResourceRow, kind: KubeOvnKind, scoped: ScopedRule<IptablesFIPRule | IptablesDnatRule | IptablesSnatRule>, problem: EipProblem, left: Mapping[]): void {
    const name = scoped.object.spec.eip ?? '';
    const refs = this.#own(row, this.#index.claim(left));
    const get = this.#words.get(kind, row.name);
    let message = '';
    switch (problem.kind) {
      case 'missing':
        message = name
          ? `${kind} ${row.name} names EIP ${name}, which does not exist: the controller cannot program it, so nothing on ${this.#gw} translates for it. Create the IptablesEIP or correct spec.eip (${get}).`
          : `${kind} ${row.name} has no spec.eip: the controller cannot program it. Set spec.eip to an IptablesEIP of ${this.#gw} (${get}).`;
        break;
      case 'other-gateway':
        message = `${kind} ${row.name} says it belongs to ${this.#gw} (label or status.natGwDp), but its EIP ${name} belongs to ${problem.owner} (spec.natGwDp): the controller programs it on ${problem.owner}'s pod, not on ${this.#gw}. If it should be on ${this.#gw}, point spec.eip at an EIP of ${this.#gw} (${get}).`;
        break;
      case 'no-gateway':
        message = `${kind} ${row.name} names EIP ${name}, which names no gateway (spec.natGwDp is empty): no gateway programs it. See kubectl get iptables-eips ${name} -o yaml.`;
        break;
      case 'no-address':
        message = `${kind} ${row.name} names EIP ${name}, which has no address yet (status.ip is empty): the controller programs NAT rules only once the EIP is allocated, so nothing on ${this.#gw} translates for it. See kubectl get iptables-eips ${name} -o yaml.`;
        break;
    }
    if (refs.length) {
      message += ` Its last programmed rule is still in the pod (${this.#words.rules(refs)}) and still translates for ${left[0]!.eip}. ${this.#fix}`;
    }
    this.#finding(row, 'eip-unresolved', 'error', message, left[0]?.eip ?? null, refs);
  }

  /** Notes every FIP/DNAT/SNAT row gets: a label naming another gateway, a status address that is not the EIP's. */
  #natNotes(row: ResourceRow, scoped: ScopedRule<IptablesFIPRule | IptablesDnatRule | IptablesSnatRule>): void {
    if (scoped.problem) return;
    if (scoped.claimedBy && scoped.claimedBy !== this.#gw) {
      note(
        row,
        `Its label ovn.kubernetes.io/vpc-nat-gw-name or status.natGwDp names ${scoped.claimedBy}, but its EIP belongs to ${this.#gw}: the controller programs it on ${this.#gw}, and after a pod restart it replays objects by that label, so ${this.#gw} would not replay this one.`,
      );
    }
    const v4ip = scoped.object.status?.v4ip;
    const address = scoped.eip?.address;
    if (v4ip && address && v4ip !== address && kernelHost(v4ip) !== address) {
      note(row, `status.v4ip ${v4ip} is not its EIP's address ${address}: its spec.eip or that EIP's address changed after this object was programmed.`);
    }
  }

  #duplicates(mappings: readonly Mapping[]): string {
    const refs = refsOf(mappings);
    return refs.length > 1 ? ` The dump already holds ${refs.length} copies: ${this.#words.rules(refs)}.` : '';
  }

  // ---- the kinds

  #gatewayRow(): void {
    const gateway = this.#scope.gateway;
    if (!gateway) return;
    const ready = gateway.status?.ready === true;
    const row = this.#row('VpcNatGateway', gateway, { ready, conditions: gateway.status?.conditions ?? [], why: '', neverProgrammed: false }, { gateway: this.#gw });
    note(row, "status.ready is the gateway workload's readiness (its pod runs); it does not say whether the rules are in sync.");
  }

  #eip(scoped: ScopedEip): Pass2 {
    const object = scoped.object;
    const ready = readiness(object.status);
    const address = scoped.address;
    const row = this.#row('IptablesEIP', object, ready, { gateway: this.#gw, eipName: object.metadata.name, eip: address });
    if (scoped.addressFrom === 'spec') {
      note(row, `status.ip is empty; its address is taken from spec.v4ip ${address}. The controller programs rules only from status.ip, once it has allocated the EIP.`);
    }
    const exact = this.#hairpinChain && address ? this.#index.claim(this.#index.hairpinsByEip.get(address) ?? []) : [];
    const refs = this.#own(row, exact);
    if (address && ready.ready && (exact.length || !this.#hairpinChain)) return null;
    return () => {
      if (!address) {
        this.#finding(
          row,
          'resource-not-ready',
          'warning',
          `IptablesEIP ${row.name} has no address (status.ip and spec.v4ip are empty): the controller has not allocated it, so no FIP, DNAT or SNAT on it can be programmed. Its log says why: ${this.#words.logs(row.name)}.`,
          null,
          [],
        );
      } else if (!ready.ready) {
        this.#notReady(row, 'IptablesEIP', ready, address, refs);
      } else if (this.#hairpinChain && exact.length === 0) {
        this.#finding(
          row,
          'rule-missing',
          'error',
          `IptablesEIP ${row.name} (${address}) is ready, but HAIRPIN_SNAT has no rule for it: VPC clients that reach a floating IP or port forward on ${address} by that address get no reply (hairpin, #5572).${this.#lost} eip-add writes this rule. ${this.#fix}`,
          address,
          [],
        );
      }
    };
  }

  #fip(scoped: ScopedRule<IptablesFIPRule>): Pass2 {
    const { object, problem } = scoped;
    const ready = readiness(object.status);
    const eip = problem ? null : (scoped.eip?.address ?? null);
    const internalIp = object.spec.internalIp ? kernelHost(object.spec.internalIp) : null;
    const row = this.#row('IptablesFIPRule', object, ready, { gateway: this.#gw, eipName: object.spec.eip ?? null, eip, internalIp: internalIp ?? object.spec.internalIp ?? null });
    this.#natNotes(row, scoped);
    if (!problem && !internalIp) note(row, `spec.internalIp ${JSON.stringify(object.spec.internalIp ?? '')} is not an IPv4 address: not compared.`);
    // Only a drifted or not-ready object needs its status; most are neither, so it is read lazily below too.
    const altIp = !ready.ready && object.status?.internalIp ? kernelHost(object.status.internalIp) : null;
    // A not-ready object also takes the rule its status describes (an update that stopped part-way).
    const exact = eip && internalIp ? this.#index.takeFips(eip, internalIp, altIp) : [];
    if (!problem && ready.ready && eip && internalIp && exact.length) {
      const refs = this.#own(row, exact);
      const [inbound, outbound] = halves(refs);
      // A missing half is judged in pass 2 with the rest, so findings come in row order.
      return inbound && outbound ? null : () => this.#halfMissing(row, refs, inbound, eip, internalIp);
    }
    const candidates = eip ? (this.#index.fipsByEip.get(eip) ?? []) : [];
    return () => {
      const statusIp = object.status?.internalIp ? kernelHost(object.status.internalIp) : null;
      if (problem) {
        const v4ip = object.status?.v4ip ? kernelHost(object.status.v4ip) : null;
        const left = v4ip ? this.#index.unclaimed(this.#index.fipsByEip.get(v4ip)).filter((m) => m.internalIp === statusIp) : [];
        return this.#unresolved(row, 'IptablesFIPRule', scoped, problem, left);
      }
      if (!eip || !internalIp) return;
      const name = `IptablesFIPRule ${row.name}`;
      if (!ready.ready) {
        const tolerated = [...exact, ...this.#index.claim(this.#index.unclaimed(candidates))];
        const changed = specVsStatus([['internalIp', internalIp, statusIp]]);
        return this.#notReady(row, 'IptablesFIPRule', ready, eip, this.#own(row, tolerated), changed);
      }
      const others = this.#index.claim(this.#index.unclaimed(candidates));
      if (others.length) {
        const refs = this.#own(row, others);
        const actual = [...new Set(others.map((m) => m.internalIp))].join(', ');
        const why =
          statusIp !== null && others.some((m) => m.internalIp === statusIp)
            ? ` Its status still says ${statusIp}: the controller has not applied the change (#2540, #6412).`
            : statusIp === internalIp
              ? ` Its status says ${internalIp} was programmed: up to v1.15 floating-ip-add reports success when the EIP is already mapped, so the change never reached the pod (F5).`
              : '';
        this.#finding(
          row,
          'rule-differs',
          'error',
          `${name} wants ${eip} ⇄ ${internalIp}, but the gateway maps ${eip} ⇄ ${actual} (${this.#words.rules(refs)}): connections to ${eip} reach ${actual}, not ${internalIp}.${why} ${this.#fix}`,
          eip,
          refs,
        );
        return;
      }
      this.#finding(
        row,
        'rule-missing',
        'error',
        `${name} is ready and wants ${eip} ⇄ ${internalIp}, but the gateway has no EXCLUSIVE_DNAT or EXCLUSIVE_SNAT rule for ${eip}: connections to ${eip} are not forwarded to ${internalIp}, and ${internalIp} does not go out as ${eip}.${this.#lost} The controller thinks this is done and does not retry by itself. ${this.#fix}`,
        eip,
        [],
      );
    };
  }

  /** A ready floating IP with one half of its rules: which half is missing, and what that does. */
  #halfMissing(row: ResourceRow, refs: RuleRef[], inbound: boolean, eip: string, internalIp: string): void {
    const name = `IptablesFIPRule ${row.name}`;
    const message = inbound
      ? `${name} wants ${eip} ⇄ ${internalIp}, but only its inbound half is there (${this.#words.rules(refs)}): EXCLUSIVE_SNAT -s ${internalIp} → ${eip} is missing, so replies and new connections from ${internalIp} leave with another address (a floating-ip-add or -del cut short). ${this.#fix}`
      : `${name} wants ${eip} ⇄ ${internalIp}, but only its outbound half is there (${this.#words.rules(refs)}): EXCLUSIVE_DNAT -d ${eip} → ${internalIp} is missing, so connections to ${eip} do not reach ${internalIp} (a floating-ip-add or -del cut short). ${this.#fix}`;
    this.#finding(row, 'rule-missing', 'error', message, eip, refs);
  }

  #dnat(scoped: ScopedRule<IptablesDnatRule>): Pass2 {
    const { object, problem } = scoped;
    const spec = object.spec;
    const ready = readiness(object.status);
    const eip = problem ? null : (scoped.eip?.address ?? null);
    const protocol = spec.protocol ? kernelProtocol(spec.protocol) : null;
    const externalPort = port(spec.externalPort);
    const internalPort = port(spec.internalPort);
    const internalIp = spec.internalIp ? kernelHost(spec.internalIp) : null;
    const row = this.#row('IptablesDnatRule', object, ready, {
      gateway: this.#gw,
      eipName: spec.eip ?? null,
      eip,
      protocol,
      externalPort,
      internalIp: internalIp ?? spec.internalIp ?? null,
      internalPort,
    });
    this.#natNotes(row, scoped);
    const share = spec.type === 'share';
    const comparable = !problem && !share && protocol !== null && externalPort !== null && internalPort !== null && internalIp !== null;
    if (share) {
      note(
        row,
        "spec.type is share: the controller programs this port forward in nftables (table ip kube-ovn, see nft list table ip kube-ovn), which iptables-save does not show, so it is not compared.",
      );
    } else if (!problem && !comparable) {
      note(row, 'Its spec lacks a protocol, an external or internal port (0-65535) or an IPv4 internalIp: not compared.');
    }
    const key = comparable && eip ? dnatKey(eip, protocol, externalPort) : null;
    const st = object.status;
    const statusIp = st?.internalIp ? kernelHost(st.internalIp) : null;
    const statusPort = port(st?.internalPort);
    const exact = key ? this.#index.takeDnats(key, internalIp!, internalPort!, ready.ready ? null : statusIp, ready.ready ? null : statusPort) : [];
    const candidates = key ? (this.#index.dnatsById.get(key) ?? []) : [];
    if (comparable && spec.protocol !== protocol) {
      note(
        row,
        `spec.protocol is '${spec.protocol}'; iptables stores it as '${protocol}'. Not drift, but nat-gateway.sh looks for '-p ${spec.protocol}', never finds the rule, so every re-add (each replay after a gateway pod restart) appends another copy and dnat-del removes none (F3). Write '${protocol}' in the object.${this.#duplicates(exact)}`,
      );
    }
    if (comparable && ready.ready && exact.length) {
      this.#own(row, exact);
      return null;
    }
    return () => {
      if (problem) {
        const v4ip = st?.v4ip ? kernelHost(st.v4ip) : null;
        const statusExt = port(st?.externalPort);
        const key = v4ip && st?.protocol && statusExt !== null ? dnatKey(v4ip, kernelProtocol(st.protocol), statusExt) : null;
        const left = key ? this.#index.unclaimed(this.#index.dnatsById.get(key)).filter((m) => m.internalIp === statusIp && m.internalPort === statusPort) : [];
        return this.#unresolved(row, 'IptablesDnatRule', scoped, problem, left);
      }
      if (!ready.ready) {
        const tolerated = [...exact, ...this.#index.claim(this.#index.unclaimed(candidates))];
        const changed = specVsStatus([
          ['internalIp', internalIp, statusIp],
          ['internalPort', internalPort, statusPort],
        ]);
        return this.#notReady(row, 'IptablesDnatRule', ready, eip, this.#own(row, tolerated), changed);
      }
      if (!comparable || !eip) return;
      const name = `IptablesDnatRule ${row.name}`;
      const want = `${protocol} ${eip}:${externalPort} → ${internalIp}:${internalPort}`;
      if (exact.length) {
        this.#own(row, exact);
        return;
      }
      const others = this.#index.claim(this.#index.unclaimed(candidates));
      if (others.length) {
        const refs = this.#own(row, others);
        const actual = [...new Set(others.map((m) => `${m.internalIp}:${m.internalPort}`))].join(', ');
        const why = others.some((m) => m.internalIp === statusIp && m.internalPort === statusPort)
          ? ` Its status still says ${statusIp}:${statusPort}: the controller has not applied the change (#6412).`
          : '';
        this.#finding(
          row,
          'rule-differs',
          'error',
          `${name} wants ${want}, but ${this.#words.rules(refs)} sends ${protocol} ${eip}:${externalPort} to ${actual}: connections reach ${actual} instead.${why} ${this.#fix}`,
          eip,
          refs,
        );
        return;
      }
      this.#finding(
        row,
        'rule-missing',
        'error',
        `${name} is ready and wants ${want}, but SHARED_DNAT has no rule for ${protocol} ${eip}:${externalPort}: connections to that port are not forwarded.${this.#lost} The controller thinks this is done and does not retry by itself. ${this.#fix}`,
        eip,
        [],
      );
    };
  }

  #snat(scoped: ScopedRule<IptablesSnatRule>): Pass2 {
    const { object, problem } = scoped;
    const ready = readiness(object.status);
    const eip = problem ? null : (scoped.eip?.address ?? null);
    const raw = object.spec.internalCIDR ?? '';
    const cidr = raw ? kernelCidr(raw) : null;
    const row = this.#row('IptablesSnatRule', object, ready, { gateway: this.#gw, eipName: object.spec.eip ?? null, eip, internalCidr: cidr ?? (raw || null) });
    this.#natNotes(row, scoped);
    if (!problem && !cidr) note(row, `spec.internalCIDR ${JSON.stringify(raw)} is not an IPv4 address or CIDR: not compared.`);
    const statusCidr = object.status?.internalCIDR ? kernelCidr(object.status.internalCIDR) : null;
    let exact = eip && cidr ? this.#index.takeSnats(snatKey(eip, cidr)) : [];
    if (!ready.ready && eip && statusCidr && statusCidr !== cidr) exact = [...exact, ...this.#index.takeSnats(snatKey(eip, statusCidr))];
    if (!problem && cidr && hasHostBits(raw)) {
      note(
        row,
        `spec.internalCIDR is '${raw}'; iptables stores it as ${cidr}. Not drift, but nat-gateway.sh looks for '-s ${raw}', never finds the rule, so every re-add (each replay after a gateway pod restart) appends another copy and snat-del removes none (F4). Write '${cidr}' in the object.${this.#duplicates(exact)}`,
      );
    }
    if (!problem && eip && cidr && ready.ready && exact.length) {
      this.#own(row, exact);
      return null;
    }
    return () => {
      if (problem) {
        const v4ip = object.status?.v4ip ? kernelHost(object.status.v4ip) : null;
        const left = v4ip && statusCidr ? this.#index.unclaimed(this.#index.snatsById.get(snatKey(v4ip, statusCidr))) : [];
        return this.#unresolved(row, 'IptablesSnatRule', scoped, problem, left);
      }
      if (!eip || !cidr) return;
      // Another EIP's rule for the same CIDR, that no SNAT object wants: this object's rule, translating elsewhere.
      const elsewhere = () => this.#index.claim(this.#index.unclaimed(this.#index.snatsByCidr.get(cidr)).filter((m) => m.eip !== eip));
      if (!ready.ready) {
        const tolerated = this.#own(row, exact.length ? exact : elsewhere());
        return this.#notReady(row, 'IptablesSnatRule', ready, eip, tolerated, specVsStatus([['internalCIDR', cidr, statusCidr]]));
      }
      const name = `IptablesSnatRule ${row.name}`;
      if (exact.length) {
        this.#own(row, exact);
        return;
      }
      const others = elsewhere();
      if (others.length) {
        const refs = this.#own(row, others);
        const actual = [...new Set(others.map((m) => m.eip))].join(', ');
        const v4ip = object.status?.v4ip ? kernelHost(object.status.v4ip) : null;
        const why = v4ip !== null && others.some((m) => m.eip === v4ip) ? ` Its status still says ${v4ip}: the controller has not applied the change (#6412).` : '';
        this.#finding(
          row,
          'rule-differs',
          'error',
          `${name} wants ${cidr} to leave as ${eip}, but ${this.#words.rules(refs)} translates it to ${actual}: traffic from ${cidr} leaves as ${actual}, not ${eip} (an allow-list that expects ${eip} drops it).${why} ${this.#fix}`,
          eip,
          refs,
        );
        return;
      }
      this.#finding(
        row,
        'rule-missing',
        'error',
        `${name} is ready and wants ${cidr} to leave as ${eip}, but SHARED_SNAT has no rule for it: traffic from ${cidr} leaves with another address, or untranslated and unanswered.${this.#lost} The controller thinks this is done and does not retry by itself. ${this.#fix}`,
        eip,
        [],
      );
    };
  }

  // ---- rules nothing accounts for

  #orphan(m: Mapping): void {
    const rules = this.#words.rules(m.rules);
    const owner = this.#scope.eipsByAddress.get(m.eip);
    const whose = owner
      ? owner.spec.natGwDp === this.#gw
        ? ''
        : ` ${m.eip} is the address of IptablesEIP ${owner.metadata.name}${owner.spec.natGwDp ? ` of ${owner.spec.natGwDp}` : ''}.`
      : ` No IptablesEIP has the address ${m.eip}.`;
    const fix = `If nothing should use it: ${this.#words.replay} (the new pod gets only what the objects want). Check with: ${this.#words.save}.`;
    let message: string;
    switch (m.kind) {
      case 'fip':
        message = `${rules} map ${m.eip} ⇄ ${m.internalIp}, but no IptablesFIPRule of ${this.#gw} wants it: connections to ${m.eip} still reach ${m.internalIp} (a deleted floating IP whose rules stayed: #5115).${whose} ${fix} If it should stay, create the IptablesFIPRule.`;
        break;
      case 'dnat':
        message = `${rules} forwards ${m.protocol} ${m.eip}:${m.externalPort} to ${m.internalIp}:${m.internalPort}, but no IptablesDnatRule of ${this.#gw} wants it: that port stays open to ${m.internalIp} (a deleted or changed port forward's old rule: #6412).${whose} ${fix}`;
        break;
      case 'snat':
        message = `${rules} translates ${m.internalCidr} to ${m.eip}, but no IptablesSnatRule of ${this.#gw} wants it: traffic from ${m.internalCidr} still leaves as ${m.eip} (a deleted SNAT's rule stays until the pod restarts: #5167, #5799).${whose} ${fix}`;
        break;
      case 'hairpin':
        message = `${rules} hairpins ${m.eip}, but no IptablesEIP of ${this.#gw} has that address (an EIP deleted while its rule stayed).${owner ? whose : ''} Harmless by itself. ${fix}`;
        break;
    }
    this.#finding(null, 'rule-orphaned', 'warning', message, m.eip, [...m.rules]);
  }
}

/**
 * Compares one gateway's rules (its inspect report) with what its kubeovn.io objects want, joined as Kube-OVN's
 * controller joins them, and says per object and per unowned rule what differs, in words for the person on call.
 * Compares as the kernel stores rules (lower-case protocol, host bits cleared). Pure; linear in rules + objects.
 */
export function compareDesired(input: CompareInput): DriftReport {
  // A reading of the nft tables while the rules live in the legacy ones (or the reverse) shows none of them:
  // comparing it would call every object's rule missing. Say so instead.
  const wrongTables = input.report.diagnostics.find((d) => d.code === 'legacy-tables-present');
  if (wrongTables) {
    return unknownDrift(
      input.gateway,
      `this reading is not of the tables the kernel applies, so it cannot be compared with the kubeovn.io objects: ${wrongTables.message}`,
    );
  }
  return new Comparison(input).run();
}
