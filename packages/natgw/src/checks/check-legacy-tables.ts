import type { Check } from './check.js';

/**
 * `legacy-tables-present`: iptables-nft printed `# Warning: iptables-legacy tables present` (in the dump, or on
 * stderr, where iptables-nft-save writes it). The gateway script uses iptables-legacy whenever the legacy nat
 * table can be opened (reference §1.2), so the rules in force are probably in the tables not shown.
 */
export const checkLegacyTables: Check = ({ dump, legacyWarning: found }) => {
  if (!found) return [];
  const rules = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);
  return [
    {
      code: 'legacy-tables-present',
      severity: 'warning',
      message:
        `iptables warned that iptables-legacy tables are present (${found.where}). This dump was read through ` +
        `iptables-nft, but the gateway script programs iptables-legacy whenever the legacy nat table can be opened, ` +
        `so the ${rules} rule${rules === 1 ? '' : 's'} shown here are probably not the rules the kernel applies. ` +
        `Read the gateway again with iptables-legacy-save -c (it is what nat-gateway.sh uses after ` +
        `"iptables-legacy -t nat -S INPUT 1" succeeds) before acting on this report.`,
      rules: [],
    },
  ];
};
