import type { Mapping } from '@natscope/api';

export type FipMapping = Extract<Mapping, { kind: 'fip' }>;
export type DnatMapping = Extract<Mapping, { kind: 'dnat' }>;
export type SnatMapping = Extract<Mapping, { kind: 'snat' }>;
export type HairpinMapping = Extract<Mapping, { kind: 'hairpin' }>;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A port forward's identity as the script checks it: EIP, protocol, external port. */
export function dnatKey(eip: string, protocol: string, externalPort: number): string {
  return `${eip} ${protocol} ${externalPort}`;
}

/** An SNAT rule's identity: EIP and internal CIDR. */
export function snatKey(eip: string, internalCidr: string): string {
  return `${eip} ${internalCidr}`;
}

/**
 * The report's mappings indexed by the identities objects are joined on, built in one pass; plus which mappings some
 * object has taken, so what is left at the end is what nothing accounts for. Keys are Maps: any EIP text is safe.
 */
export class MappingIndex {
  readonly fipsByEip = new Map<string, FipMapping[]>();
  readonly dnatsById = new Map<string, DnatMapping[]>();
  readonly snatsById = new Map<string, SnatMapping[]>();
  readonly snatsByCidr = new Map<string, SnatMapping[]>();
  readonly hairpinsByEip = new Map<string, HairpinMapping[]>();
  readonly #claimed = new Set<Mapping>();
  readonly mappings: readonly Mapping[];

  constructor(mappings: readonly Mapping[]) {
    this.mappings = mappings;
    for (const m of mappings) {
      switch (m.kind) {
        case 'fip':
          push(this.fipsByEip, m.eip, m);
          break;
        case 'dnat':
          push(this.dnatsById, dnatKey(m.eip, m.protocol, m.externalPort), m);
          break;
        case 'snat':
          push(this.snatsById, snatKey(m.eip, m.internalCidr), m);
          push(this.snatsByCidr, m.internalCidr, m);
          break;
        case 'hairpin':
          push(this.hairpinsByEip, m.eip, m);
          break;
      }
    }
  }

  /**
   * Takes the floating IPs of `eip` to `internalIp` (or to `alt`, the address a not-ready object's status names).
   * These run once per object: plain loops, and the index's own list when every entry matches (no new array).
   */
  takeFips(eip: string, internalIp: string, alt: string | null): FipMapping[] {
    const list = this.fipsByEip.get(eip);
    if (list === undefined) return [];
    let n = 0;
    for (const m of list) if (m.internalIp === internalIp || m.internalIp === alt) n++;
    if (n === list.length) return this.claim(list);
    return n === 0 ? [] : this.claim(list.filter((m) => m.internalIp === internalIp || m.internalIp === alt));
  }

  /** Takes the port forwards of identity `key` that send to `internalIp:internalPort` (or the `alt` pair). */
  takeDnats(
    key: string,
    internalIp: string,
    internalPort: number,
    altIp: string | null,
    altPort: number | null,
  ): DnatMapping[] {
    const list = this.dnatsById.get(key);
    if (list === undefined) return [];
    let n = 0;
    for (const m of list)
      if (
        (m.internalIp === internalIp && m.internalPort === internalPort) ||
        (m.internalIp === altIp && m.internalPort === altPort)
      )
        n++;
    if (n === list.length) return this.claim(list);
    return n === 0
      ? []
      : this.claim(
          list.filter(
            (m) =>
              (m.internalIp === internalIp && m.internalPort === internalPort) ||
              (m.internalIp === altIp && m.internalPort === altPort),
          ),
        );
  }

  /** Takes the SNAT rules of identity `key` (EIP and CIDR). */
  takeSnats(key: string): SnatMapping[] {
    const list = this.snatsById.get(key);
    return list === undefined ? [] : this.claim(list);
  }

  /** Marks `found` as accounted for and returns it. */
  claim<M extends Mapping>(found: M[]): M[] {
    for (const m of found) this.#claimed.add(m);
    return found;
  }

  /** The mappings of `list` that no object has taken yet. */
  unclaimed<M extends Mapping>(list: readonly M[] | undefined): M[] {
    if (list === undefined) return [];
    return list.filter((m) => !this.#claimed.has(m));
  }

  /** Every mapping no object took, in report order. */
  leftovers(): Mapping[] {
    return this.mappings.filter((m) => !this.#claimed.has(m));
  }
}
