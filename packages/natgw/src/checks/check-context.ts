import type { Chain, Dump, Table } from '@natscope/iptables';
import type { CoverIndex, CoverStats } from '../facts/cover-index.js';
import type { DumpFacts } from '../facts/dump-facts.js';
import type { MappingScan } from '../mappings/find-mappings.js';
import { gatewayNatTable } from './gateway-nat-table.js';
import { findLegacyWarning } from './find-legacy-warning.js';
import { shadowChain, type ChainShadowing } from './shadow-chain.js';

/** What the checks may be given besides the dump: the inputs some checks use when the caller has them. */
export interface CheckInputs {
  /** The gateway command's stderr: iptables-nft writes the legacy-tables warning there. */
  stderr?: string;
  /** Counts the full rule comparisons the shadowing analysis makes (for tests of its pruning). */
  stats?: CoverStats;
}

/**
 * Everything a check reads: the dump and its facts and mappings, the inputs the caller gave, and the facts
 * several checks share, each worked out once on first use (the gateway's nat table, the legacy warning, and per
 * chain the shadowing pass with its cover index).
 */
export class CheckContext {
  readonly dump: Dump;
  readonly scan: MappingScan;
  readonly inputs: CheckInputs;
  #nat: Table | null | undefined;
  #legacy: { where: string } | null | undefined;
  readonly #shadowing = new Map<Chain, ChainShadowing>();

  constructor(dump: Dump, scan: MappingScan, inputs: CheckInputs = {}) {
    this.dump = dump;
    this.scan = scan;
    this.inputs = inputs;
  }

  /** Every rule's facts (shape, match space, target). */
  get facts(): DumpFacts {
    return this.scan.facts;
  }

  /** The nat table the gateway's chains live in (gatewayNatTable), or null. */
  get nat(): Table | null {
    if (this.#nat === undefined) this.#nat = gatewayNatTable(this.dump);
    return this.#nat;
  }

  /** Where iptables warned that legacy tables exist (the dump or stderr), or null. */
  get legacyWarning(): { where: string } | null {
    if (this.#legacy === undefined) this.#legacy = findLegacyWarning(this.dump, this.inputs.stderr);
    return this.#legacy;
  }

  /**
   * The shadowing pass over one chain: its dead rules and the cover index of the rules that can match. Kept
   * only for chains whose index a check asked for (coverIndex), so a dump of many chains does not hold an index
   * per chain for the whole analysis.
   */
  shadowing(chain: Chain): ChainShadowing {
    return this.#shadowing.get(chain) ?? shadowChain(chain, this.facts, this.inputs.stats);
  }

  /** A chain's cover index of terminal, understood, reachable rules (from its shadowing pass, then kept). */
  coverIndex(chain: Chain): CoverIndex {
    let result = this.#shadowing.get(chain);
    if (!result) {
      result = shadowChain(chain, this.facts, this.inputs.stats);
      this.#shadowing.set(chain, result);
    }
    return result.index;
  }
}
