import type { InspectReport, KubeOvnResources } from '@natscope/api';
import { DriftWords } from './drift-words.js';
import { gatewayScope, type GatewayScope } from './gateway-scope.js';
import { type Matched, matchObjects } from './match-objects.js';
import type { Verdict, VerdictOf } from './verdict.js';

/** What compareDesired compares: one gateway's inspect report and the kubeovn.io objects (of any gateways). */
export interface CompareInput {
  gateway: string;
  report: InspectReport;
  resources: KubeOvnResources;
  /** Put each object's YAML into its row (for a drift view; costs time on big gateways). */
  yaml?: boolean;
}

/**
 * Everything a drift check reads: the input, the gateway's objects joined as the controller joins them, the words its
 * messages use, and the matching of objects with rules (worked out once, on first use, and shared by every check:
 * which object takes a contested rule decides several codes at once).
 */
export class DriftContext {
  readonly input: CompareInput;
  readonly gateway: string;
  readonly scope: GatewayScope;
  readonly words: DriftWords;
  /** v1.16+ init creates HAIRPIN_SNAT; only then does every EIP get a hairpin rule. */
  readonly hairpinChain: boolean;
  /** ` The nat table lacks the chains …` when the pod restarted and was not initialised again, else ''. */
  readonly lost: string;
  #matched: Matched | undefined;

  constructor(input: CompareInput) {
    this.input = input;
    this.gateway = input.gateway;
    this.scope = gatewayScope(input.gateway, input.resources);
    const namespace =
      this.scope.gateway?.spec.namespace ||
      this.scope.eips.find((e) => e.object.spec.namespace)?.object.spec.namespace ||
      'kube-system';
    this.words = new DriftWords(input.gateway, input.report.backend, namespace, this.scope.gateway?.spec.replicas ?? 1);
    const nat = input.report.tables.find((t) => t.name === 'nat');
    this.hairpinChain = nat?.chains.some((c) => c.name === 'HAIRPIN_SNAT') ?? false;
    this.lost = input.report.diagnostics.some((d) => d.code === 'gateway-not-initialized')
      ? " The nat table lacks the chains Kube-OVN's init creates: the pod restarted and was not initialised again (#3241, #4987), so every rule is gone."
      : '';
  }

  /** How to get the rules back, and how to look: the end of most messages. */
  get fix(): string {
    return `${this.words.replay}. Check with: ${this.words.save}.`;
  }

  /** Every object's row, the verdicts on the objects their exact rules do not settle, and the rules nothing took. */
  get matched(): Matched {
    this.#matched ??= matchObjects({
      gateway: this.gateway,
      report: this.input.report,
      scope: this.scope,
      words: this.words,
      hairpinChain: this.hairpinChain,
      yaml: this.input.yaml === true,
    });
    return this.#matched;
  }

  /** The verdicts of one code, in the order matching reached them. */
  verdicts<C extends Verdict['code']>(code: C): VerdictOf<C>[] {
    return this.matched.verdicts.filter((v): v is VerdictOf<C> => v.code === code);
  }
}
