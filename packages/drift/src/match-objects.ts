import type {
  InspectReport,
  IptablesDnatRule,
  IptablesEIP,
  IptablesFIPRule,
  IptablesSnatRule,
  KubeOvnKind,
  Mapping,
  ResourceFields,
  ResourceRow,
  RuleRef,
} from '@natscope/api';
import type { DriftWords } from './drift-words.js';
import type { EipProblem, GatewayScope, ScopedEip, ScopedRule } from './gateway-scope.js';
import { hasHostBits, kernelCidr, kernelHost, kernelProtocol } from './kernel-spelling.js';
import { dnatKey, MappingIndex, snatKey } from './mapping-index.js';
import { objectYaml } from './object-yaml.js';
import { type Readiness, readiness } from './readiness.js';
import type { NatKind, Verdict } from './verdict.js';

/** What matching reads: one gateway's report and objects (joined), and the words its notes use. */
export interface MatchInput {
  gateway: string;
  report: InspectReport;
  scope: GatewayScope;
  words: DriftWords;
  /** The gateway has HAIRPIN_SNAT (v1.16+ init), so every EIP wants a hairpin rule. */
  hairpinChain: boolean;
  /** Put each object's YAML into its row. */
  yaml: boolean;
}

/** Every object's row (fields, notes, the rules it owns), the verdicts on the unsettled ones, and the rules nothing took. */
export interface Matched {
  rows: ResourceRow[];
  /** In the order the objects were judged (row order); each verdict's `at` is its index here. */
  verdicts: Verdict[];
  /** The mappings no object accounts for, in report order. */
  orphans: Mapping[];
}

// What an object still has to judge once every object has taken its exact rules; null when it is settled already.
type Pass2 = (() => void) | null;
type KubeObject = IptablesEIP | IptablesFIPRule | IptablesDnatRule | IptablesSnatRule;
type NatObject = IptablesFIPRule | IptablesDnatRule | IptablesSnatRule;
/** A verdict before matching numbers it (Omit over each member of the union, not over the union). */
type Unnumbered<V> = V extends Verdict ? Omit<V, 'at'> : never;
type Judged = Unnumbered<Verdict>;

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
/** The empty list every row starts with for its findings and notes (compareDesired replaces it when it adds one). */
export const NONE: never[] = [];
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

/**
 * Pass 1 lets every object take the mappings it wants exactly (settling those whose rules are all there); pass 2
 * judges the rest in row order, taking what they account for otherwise (a not-ready object's old rule, a rule that
 * translates elsewhere). The order matters: an object judged earlier takes a contested rule first.
 */
class Matching {
  readonly #in: MatchInput;
  readonly #gw: string;
  readonly #index: MappingIndex;
  readonly #verdicts: Verdict[] = [];
  readonly #rows: ResourceRow[] = [];

  constructor(input: MatchInput) {
    this.#in = input;
    this.#gw = input.gateway;
    this.#index = new MappingIndex(input.report.mappings);
  }

  run(): Matched {
    const { scope } = this.#in;
    const later: Pass2[] = [];
    this.#gatewayRow();
    for (const eip of scope.eips) later.push(this.#eip(eip));
    for (const fip of scope.fips) later.push(this.#fip(fip));
    for (const dnat of scope.dnats) later.push(this.#dnat(dnat));
    for (const snat of scope.snats) later.push(this.#snat(snat));
    for (const judge of later) judge?.();
    return { rows: this.#rows, verdicts: this.#verdicts, orphans: this.#index.leftovers() };
  }

  #verdict(v: Judged): void {
    this.#verdicts.push({ ...v, at: this.#verdicts.length } as Verdict);
  }

  #row(
    kind: KubeOvnKind,
    object: KubeObject | NonNullable<GatewayScope['gateway']>,
    ready: Readiness,
    fields: ResourceFields,
  ): ResourceRow {
    const row: ResourceRow = {
      kind,
      name: object.metadata.name,
      ready: ready.ready,
      conditions: ready.conditions,
      fields,
      rules: NO_RULES,
      findings: NONE,
      notes: NONE,
    };
    if (object.metadata.deletionTimestamp) {
      note(
        row,
        `Being deleted since ${object.metadata.deletionTimestamp}; the controller's finalizer keeps it until its rules are removed.`,
      );
    }
    if (this.#in.yaml) row.yaml = objectYaml(object);
    this.#rows.push(row);
    return row;
  }

  #own(row: ResourceRow, mappings: readonly Mapping[]): RuleRef[] {
    const refs = refsOf(mappings);
    row.rules = refs;
    return refs;
  }

  #notReady(
    row: ResourceRow,
    kind: KubeOvnKind,
    ready: Readiness,
    eip: string | null,
    tolerated: RuleRef[],
    changed = '',
  ): void {
    this.#verdict({ code: 'resource-not-ready', what: 'not-ready', row, kind, ready, eip, tolerated, changed });
  }

  /**
   * The object's EIP gives it no address here. Its last programmed rule (by its status) may still be in the pod: the
   * object then accounts for it.
   */
  #unresolved(
    row: ResourceRow,
    kind: NatKind,
    scoped: ScopedRule<NatObject>,
    problem: EipProblem,
    left: Mapping[],
  ): void {
    const refs = this.#own(row, this.#index.claim(left));
    this.#verdict({
      code: 'eip-unresolved',
      row,
      kind,
      eipName: scoped.object.spec.eip ?? '',
      problem,
      refs,
      leftEip: left[0]?.eip ?? null,
    });
  }

  /** Notes every FIP/DNAT/SNAT row gets: a label naming another gateway, a status address that is not the EIP's. */
  #natNotes(row: ResourceRow, scoped: ScopedRule<NatObject>): void {
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
      note(
        row,
        `status.v4ip ${v4ip} is not its EIP's address ${address}: its spec.eip or that EIP's address changed after this object was programmed.`,
      );
    }
  }

  #duplicates(mappings: readonly Mapping[]): string {
    const refs = refsOf(mappings);
    return refs.length > 1 ? ` The dump already holds ${refs.length} copies: ${this.#in.words.rules(refs)}.` : '';
  }

  // ---- the kinds

  #gatewayRow(): void {
    const gateway = this.#in.scope.gateway;
    if (!gateway) return;
    const ready = gateway.status?.ready === true;
    const row = this.#row(
      'VpcNatGateway',
      gateway,
      { ready, conditions: gateway.status?.conditions ?? [], why: '', neverProgrammed: false },
      { gateway: this.#gw },
    );
    note(
      row,
      "status.ready is the gateway workload's readiness (its pod runs); it does not say whether the rules are in sync.",
    );
  }

  #eip(scoped: ScopedEip): Pass2 {
    const object = scoped.object;
    const ready = readiness(object.status);
    const address = scoped.address;
    const hairpinChain = this.#in.hairpinChain;
    const row = this.#row('IptablesEIP', object, ready, {
      gateway: this.#gw,
      eipName: object.metadata.name,
      eip: address,
    });
    if (scoped.addressFrom === 'spec') {
      note(
        row,
        `status.ip is empty; its address is taken from spec.v4ip ${address}. The controller programs rules only from status.ip, once it has allocated the EIP.`,
      );
    }
    const exact = hairpinChain && address ? this.#index.claim(this.#index.hairpinsByEip.get(address) ?? []) : [];
    const refs = this.#own(row, exact);
    if (address && ready.ready && (exact.length || !hairpinChain)) return null;
    return () => {
      if (!address) this.#verdict({ code: 'resource-not-ready', what: 'no-address', row });
      else if (!ready.ready) this.#notReady(row, 'IptablesEIP', ready, address, refs);
      else if (hairpinChain && exact.length === 0)
        this.#verdict({ code: 'rule-missing', what: 'hairpin', row, eip: address });
    };
  }

  #fip(scoped: ScopedRule<IptablesFIPRule>): Pass2 {
    const { object, problem } = scoped;
    const ready = readiness(object.status);
    const eip = problem ? null : (scoped.eip?.address ?? null);
    const internalIp = object.spec.internalIp ? kernelHost(object.spec.internalIp) : null;
    const row = this.#row('IptablesFIPRule', object, ready, {
      gateway: this.#gw,
      eipName: object.spec.eip ?? null,
      eip,
      internalIp: internalIp ?? object.spec.internalIp ?? null,
    });
    this.#natNotes(row, scoped);
    if (!problem && !internalIp)
      note(
        row,
        `spec.internalIp ${JSON.stringify(object.spec.internalIp ?? '')} is not an IPv4 address: not compared.`,
      );
    // Only a drifted or not-ready object needs its status; most are neither, so it is read lazily below too.
    const altIp = !ready.ready && object.status?.internalIp ? kernelHost(object.status.internalIp) : null;
    // A not-ready object also takes the rule its status describes (an update that stopped part-way).
    const exact = eip && internalIp ? this.#index.takeFips(eip, internalIp, altIp) : [];
    if (!problem && ready.ready && eip && internalIp && exact.length) {
      const refs = this.#own(row, exact);
      const [inbound, outbound] = halves(refs);
      // A missing half is judged in pass 2 with the rest, so findings come in row order.
      return inbound && outbound
        ? null
        : () => this.#verdict({ code: 'rule-missing', what: 'fip-half', row, eip, internalIp, refs, inbound });
    }
    const candidates = eip ? (this.#index.fipsByEip.get(eip) ?? []) : [];
    return () => {
      const statusIp = object.status?.internalIp ? kernelHost(object.status.internalIp) : null;
      if (problem) {
        const v4ip = object.status?.v4ip ? kernelHost(object.status.v4ip) : null;
        const left = v4ip
          ? this.#index.unclaimed(this.#index.fipsByEip.get(v4ip)).filter((m) => m.internalIp === statusIp)
          : [];
        return this.#unresolved(row, 'IptablesFIPRule', scoped, problem, left);
      }
      if (!eip || !internalIp) return;
      if (!ready.ready) {
        const tolerated = [...exact, ...this.#index.claim(this.#index.unclaimed(candidates))];
        const changed = specVsStatus([['internalIp', internalIp, statusIp]]);
        return this.#notReady(row, 'IptablesFIPRule', ready, eip, this.#own(row, tolerated), changed);
      }
      const others = this.#index.claim(this.#index.unclaimed(candidates));
      if (others.length) {
        this.#verdict({
          code: 'rule-differs',
          what: 'fip',
          row,
          eip,
          internalIp,
          statusIp,
          others,
          refs: this.#own(row, others),
        });
        return;
      }
      this.#verdict({ code: 'rule-missing', what: 'fip', row, eip, internalIp });
    };
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
    const comparable =
      !problem && !share && protocol !== null && externalPort !== null && internalPort !== null && internalIp !== null;
    if (share) {
      note(
        row,
        'spec.type is share: the controller programs this port forward in nftables (table ip kube-ovn, see nft list table ip kube-ovn), which iptables-save does not show, so it is not compared.',
      );
    } else if (!problem && !comparable) {
      note(
        row,
        'Its spec lacks a protocol, an external or internal port (0-65535) or an IPv4 internalIp: not compared.',
      );
    }
    const key = comparable && eip ? dnatKey(eip, protocol, externalPort) : null;
    const st = object.status;
    const statusIp = st?.internalIp ? kernelHost(st.internalIp) : null;
    const statusPort = port(st?.internalPort);
    const exact = key
      ? this.#index.takeDnats(
          key,
          internalIp!,
          internalPort!,
          ready.ready ? null : statusIp,
          ready.ready ? null : statusPort,
        )
      : [];
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
        const key =
          v4ip && st?.protocol && statusExt !== null ? dnatKey(v4ip, kernelProtocol(st.protocol), statusExt) : null;
        const left = key
          ? this.#index
              .unclaimed(this.#index.dnatsById.get(key))
              .filter((m) => m.internalIp === statusIp && m.internalPort === statusPort)
          : [];
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
      if (exact.length) {
        this.#own(row, exact);
        return;
      }
      const wanted = { eip, protocol, externalPort, internalIp, internalPort };
      const others = this.#index.claim(this.#index.unclaimed(candidates));
      if (others.length) {
        this.#verdict({
          code: 'rule-differs',
          what: 'dnat',
          row,
          ...wanted,
          statusIp,
          statusPort,
          others,
          refs: this.#own(row, others),
        });
        return;
      }
      this.#verdict({ code: 'rule-missing', what: 'dnat', row, ...wanted });
    };
  }

  #snat(scoped: ScopedRule<IptablesSnatRule>): Pass2 {
    const { object, problem } = scoped;
    const ready = readiness(object.status);
    const eip = problem ? null : (scoped.eip?.address ?? null);
    const raw = object.spec.internalCIDR ?? '';
    const cidr = raw ? kernelCidr(raw) : null;
    const row = this.#row('IptablesSnatRule', object, ready, {
      gateway: this.#gw,
      eipName: object.spec.eip ?? null,
      eip,
      internalCidr: cidr ?? (raw || null),
    });
    this.#natNotes(row, scoped);
    if (!problem && !cidr)
      note(row, `spec.internalCIDR ${JSON.stringify(raw)} is not an IPv4 address or CIDR: not compared.`);
    const statusCidr = object.status?.internalCIDR ? kernelCidr(object.status.internalCIDR) : null;
    let exact = eip && cidr ? this.#index.takeSnats(snatKey(eip, cidr)) : [];
    if (!ready.ready && eip && statusCidr && statusCidr !== cidr)
      exact = [...exact, ...this.#index.takeSnats(snatKey(eip, statusCidr))];
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
        const left =
          v4ip && statusCidr ? this.#index.unclaimed(this.#index.snatsById.get(snatKey(v4ip, statusCidr))) : [];
        return this.#unresolved(row, 'IptablesSnatRule', scoped, problem, left);
      }
      if (!eip || !cidr) return;
      // Another EIP's rule for the same CIDR, that no SNAT object wants: this object's rule, translating elsewhere.
      const elsewhere = () =>
        this.#index.claim(this.#index.unclaimed(this.#index.snatsByCidr.get(cidr)).filter((m) => m.eip !== eip));
      if (!ready.ready) {
        const tolerated = this.#own(row, exact.length ? exact : elsewhere());
        return this.#notReady(
          row,
          'IptablesSnatRule',
          ready,
          eip,
          tolerated,
          specVsStatus([['internalCIDR', cidr, statusCidr]]),
        );
      }
      if (exact.length) {
        this.#own(row, exact);
        return;
      }
      const others = elsewhere();
      if (others.length) {
        const v4ip = object.status?.v4ip ? kernelHost(object.status.v4ip) : null;
        this.#verdict({
          code: 'rule-differs',
          what: 'snat',
          row,
          eip,
          cidr,
          v4ip,
          others,
          refs: this.#own(row, others),
        });
        return;
      }
      this.#verdict({ code: 'rule-missing', what: 'snat', row, eip, cidr });
    };
  }
}

/**
 * Matches one gateway's objects with its report's mappings, as Kube-OVN's controller would have programmed them: each
 * object's row with the rules it owns, a verdict on each object its exact rules do not settle, and the mappings left
 * over. The drift checks word the verdicts and leftovers as findings; this decides them, once per comparison.
 */
export function matchObjects(input: MatchInput): Matched {
  return new Matching(input).run();
}
