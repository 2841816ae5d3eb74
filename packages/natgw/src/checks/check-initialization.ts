import type { Check } from './check.js';
import type { Table } from '@natscope/iptables';
import { type InitJump, NAT_INIT_CHAINS, NAT_INIT_JUMPS } from '../kube-ovn/kube-ovn-chains.js';

const RECOVER =
  'Recreate the gateway pod (kubectl delete pod): the controller runs init again and replays every EIP, ' +
  'floating IP, DNAT and SNAT rule. Until then every nat-gateway.sh call fails with "nat gateway not initialized".';

const LEGACY_NOTE =
  ' iptables also warned that legacy tables exist in this pod, so the rules are most likely there: read the ' +
  'gateway with iptables-legacy-save before recreating anything.';

function hasJump(table: Table | undefined, from: string, to: string): boolean {
  return table?.chainsByName.get(from)?.rules.some((r) => r.decoded.target?.name === to) ?? false;
}

type Effect = 'dnat' | 'snat' | 'hairpin';

const EFFECTS: Record<Effect, string> = {
  dnat: 'inbound traffic to the EIPs is not translated, so floating IPs and port forwards do not answer',
  snat: 'VPC traffic leaves without SNAT, so workloads lose internet egress and floating IPs reply from the wrong address',
  hairpin: 'VMs inside the VPC cannot reach each other through their EIPs (hairpin)',
};

/** Which traffic a missing chain or jump breaks, from the chain it leads to. */
function effectOf(chain: string): Effect {
  if (chain === 'HAIRPIN_SNAT' || chain === 'VPC_MARK') return 'hairpin';
  return chain.includes('DNAT') ? 'dnat' : 'snat';
}

function effects(missing: Array<{ effect: Effect }>): string {
  const kinds = new Set(missing.map((m) => m.effect));
  return (['dnat', 'snat', 'hairpin'] as const)
    .filter((k) => kinds.has(k))
    .map((k) => EFFECTS[k])
    .join('; ');
}

/**
 * `gateway-not-initialized`: the nat table lacks chains or jumps that `nat-gateway.sh init` creates
 * (reference §1.4). The v1.16 parts (HAIRPIN_SNAT and its jump, mangle VPC_MARK) are required only when the
 * dump shows that generation, i.e. when either HAIRPIN_SNAT or VPC_MARK exists. An empty nat table (a pod that
 * restarted and was not re-initialised, kube-ovn #3241/#4987) is its own, plainer message.
 */
export const checkInitialization: Check = ({ dump, nat, legacyWarning }) => {
  const legacy = legacyWarning ? LEGACY_NOTE : '';
  if (!nat) {
    const tables = dump.tables.map((t) => t.name).join(', ') || 'none';
    return [
      {
        code: 'gateway-not-initialized',
        severity: 'error',
        message:
          `The dump has no nat table (tables: ${tables}), so none of the gateway's NAT can be checked: either the ` +
          `dump was taken without the nat table (iptables-save -t nat) or the pod has no NAT at all.${legacy}`,
        rules: [],
      },
    ];
  }
  const userChains = nat.chains.filter((c) => !c.builtin);
  const ruleCount = nat.chains.reduce((n, c) => n + c.rules.length, 0);
  if (userChains.length === 0 && ruleCount === 0) {
    const cause = legacyWarning
      ? `As read here, through iptables-nft, the nat table (line ${nat.line}) is empty, and iptables warned that ` +
        `legacy tables exist: the gateway's rules are most likely in the legacy tables, which this dump does not show. ` +
        `Read them with iptables-legacy-save -c. If they are empty too, the pod restarted without init and no EIP ` +
        `works on it: `
      : `The nat table (line ${nat.line}) is empty: no DNAT_FILTER/SNAT_FILTER chains and no rules. The pod restarted ` +
        `and nat-gateway.sh init was not re-run (kube-ovn #3241, #4987), so no EIP works on it: `;
    return [
      {
        code: 'gateway-not-initialized',
        severity: 'error',
        message: `${cause}${effects([{ effect: 'dnat' }, { effect: 'snat' }])}. ${RECOVER}`,
        rules: [],
      },
    ];
  }

  const mangle = dump.tables.find((t) => t.name === 'mangle');
  const v116 = nat.chainsByName.has('HAIRPIN_SNAT') || (mangle?.chainsByName.has('VPC_MARK') ?? false);
  const chains = v116 ? [...NAT_INIT_CHAINS, 'HAIRPIN_SNAT'] : [...NAT_INIT_CHAINS];
  const jumps: InitJump[] = v116
    ? [...NAT_INIT_JUMPS, { table: 'nat', from: 'SNAT_FILTER', to: 'HAIRPIN_SNAT' }]
    : [...NAT_INIT_JUMPS];

  const missing: Array<{ text: string; effect: Effect }> = chains
    .filter((c) => !nat.chainsByName.has(c))
    .map((c) => ({ text: `chain nat ${c}`, effect: effectOf(c) }));
  for (const jump of jumps) {
    if (!hasJump(nat, jump.from, jump.to))
      missing.push({ text: `jump nat ${jump.from} → ${jump.to}`, effect: effectOf(jump.to) });
  }
  if (v116 && mangle) {
    const vpcMark = mangle.chainsByName.get('VPC_MARK');
    if (!vpcMark) missing.push({ text: 'chain mangle VPC_MARK', effect: 'hairpin' });
    if (!hasJump(mangle, 'PREROUTING', 'VPC_MARK'))
      missing.push({ text: 'jump mangle PREROUTING → VPC_MARK', effect: 'hairpin' });
    if (vpcMark && !vpcMark.rules.some((r) => r.decoded.target?.name === 'MARK')) {
      missing.push({
        text: 'the mangle VPC_MARK rule that marks packets from the VPC (-i eth0 -j MARK --set-xmark 0x1/0x1)',
        effect: 'hairpin',
      });
    }
  }
  if (missing.length === 0) return [];
  return [
    {
      code: 'gateway-not-initialized',
      severity: 'error',
      message:
        `The gateway is not fully initialised: missing ${missing.map((m) => m.text).join(', ')}. nat-gateway.sh init did not complete on ` +
        `this pod or these were deleted by hand; ${effects(missing)}. ${RECOVER}${legacy}`,
      rules: [],
    },
  ];
};
