/**
 * What the decoder knows about common match modules and targets: each option's number of arguments.
 *
 * Knowing the count lets the decoder take an argument that looks like a flag (`--comment -x`, which
 * iptables-save prints unquoted) and lets it route `--dport` to the protocol's implicit module when the
 * current module has no such option. Options missing here are still decoded: they take every following
 * word up to the next flag, and stay with the module or target they follow.
 */
export type OptionArity = ReadonlyMap<string, number>;

type Table = Record<string, Record<string, number>>;

// Maps, not objects: names come from the input, and '__proto__' or 'constructor' must find nothing.
function tableOf(table: Table): ReadonlyMap<string, OptionArity> {
  return new Map(Object.entries(table).map(([owner, options]) => [owner, new Map(Object.entries(options))]));
}

const PORTS = { sport: 1, 'source-port': 1, dport: 1, 'destination-port': 1 };

/** Options of match modules, by module name. Protocol modules double as the implicit `-p` matches. */
export const MODULE_OPTIONS = tableOf({
  tcp: { ...PORTS, 'tcp-flags': 2, syn: 0, 'tcp-option': 1 },
  udp: PORTS,
  udplite: PORTS,
  dccp: { ...PORTS, 'dccp-types': 1, 'dccp-option': 1 },
  sctp: { ...PORTS, 'chunk-types': 2 },
  icmp: { 'icmp-type': 1 },
  icmpv6: { 'icmpv6-type': 1 },
  multiport: { ports: 1, sports: 1, dports: 1, 'source-ports': 1, 'destination-ports': 1 },
  mark: { mark: 1 },
  connmark: { mark: 1 },
  conntrack: {
    ctstate: 1,
    ctproto: 1,
    ctorigsrc: 1,
    ctorigdst: 1,
    ctreplsrc: 1,
    ctrepldst: 1,
    ctorigsrcport: 1,
    ctorigdstport: 1,
    ctreplsrcport: 1,
    ctrepldstport: 1,
    ctstatus: 1,
    ctexpire: 1,
    ctdir: 1,
  },
  state: { state: 1 },
  comment: { comment: 1 },
  addrtype: { 'src-type': 1, 'dst-type': 1, 'limit-iface-in': 0, 'limit-iface-out': 0 },
  iprange: { 'src-range': 1, 'dst-range': 1 },
  limit: { limit: 1, 'limit-burst': 1 },
  mac: { 'mac-source': 1 },
  set: { 'match-set': 2, 'return-nomatch': 0, 'update-counters': 0, 'update-subcounters': 0 },
  owner: { 'uid-owner': 1, 'gid-owner': 1, 'socket-exists': 0, 'suppl-groups': 0 },
  physdev: { 'physdev-in': 1, 'physdev-out': 1, 'physdev-is-in': 0, 'physdev-is-out': 0, 'physdev-is-bridged': 0 },
  statistic: { mode: 1, probability: 1, every: 1, packet: 1 },
  length: { length: 1 },
  ttl: { 'ttl-eq': 1, 'ttl-gt': 1, 'ttl-lt': 1 },
  tos: { tos: 1 },
  dscp: { dscp: 1, 'dscp-class': 1 },
  pkttype: { 'pkt-type': 1 },
  string: { algo: 1, from: 1, to: 1, string: 1, 'hex-string': 1, icase: 0 },
  recent: {
    name: 1,
    set: 0,
    rcheck: 0,
    update: 0,
    remove: 0,
    seconds: 1,
    reap: 0,
    hitcount: 1,
    rttl: 0,
    rsource: 0,
    rdest: 0,
    mask: 1,
  },
  socket: { transparent: 0, nowildcard: 0, 'restore-skmark': 0 },
  helper: { helper: 1 },
});

/** Options of targets, by target name. */
export const TARGET_OPTIONS = tableOf({
  DNAT: { 'to-destination': 1, random: 0, 'random-fully': 0, persistent: 0 },
  SNAT: { 'to-source': 1, random: 0, 'random-fully': 0, persistent: 0 },
  MASQUERADE: { 'to-ports': 1, random: 0, 'random-fully': 0 },
  REDIRECT: { 'to-ports': 1, random: 0 },
  NETMAP: { to: 1 },
  MARK: { 'set-xmark': 1, 'set-mark': 1, 'and-mark': 1, 'or-mark': 1, 'xor-mark': 1 },
  CONNMARK: {
    'set-xmark': 1,
    'set-mark': 1,
    'save-mark': 0,
    'restore-mark': 0,
    nfmask: 1,
    ctmask: 1,
    mask: 1,
    'and-mark': 1,
    'or-mark': 1,
    'xor-mark': 1,
  },
  LOG: {
    'log-level': 1,
    'log-prefix': 1,
    'log-tcp-sequence': 0,
    'log-tcp-options': 0,
    'log-ip-options': 0,
    'log-uid': 0,
    'log-macdecode': 0,
  },
  NFLOG: { 'nflog-group': 1, 'nflog-prefix': 1, 'nflog-range': 1, 'nflog-size': 1, 'nflog-threshold': 1 },
  REJECT: { 'reject-with': 1 },
  TCPMSS: { 'set-mss': 1, 'clamp-mss-to-pmtu': 0 },
  CT: { notrack: 0, helper: 1, ctevents: 1, expevents: 1, zone: 1, 'zone-orig': 1, 'zone-reply': 1, timeout: 1 },
  TPROXY: { 'on-port': 1, 'on-ip': 1, 'tproxy-mark': 1 },
});
