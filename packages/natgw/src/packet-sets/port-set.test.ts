import { describe, expect, it } from 'vitest';
import {
  ALL_PORTS,
  complementPorts,
  formatPorts,
  intersectPorts,
  parsePortSet,
  portsContain,
  singlePort,
} from './port-set.js';

describe('port sets', () => {
  it('reads single ports, ranges, open ranges and multiport lists', () => {
    expect(parsePortSet('22')).toEqual([[22, 22]]);
    expect(parsePortSet('1000:2000')).toEqual([[1000, 2000]]);
    expect(parsePortSet(':1024')).toEqual([[0, 1024]]);
    expect(parsePortSet('1024:')).toEqual([[1024, 65535]]);
    expect(parsePortSet('443,22,80:90,85')).toEqual([
      [22, 22],
      [80, 90],
      [443, 443],
    ]);
    expect(parsePortSet('22,23')).toEqual([[22, 23]]);
  });

  it('refuses service names, reversed ranges and out-of-range ports', () => {
    for (const bad of ['ssh', '2000:1000', '65536', '', '22,', '-1']) expect(parsePortSet(bad), bad).toBeNull();
  });

  it('folds negation into the complement', () => {
    expect(parsePortSet('22', true)).toEqual([
      [0, 21],
      [23, 65535],
    ]);
    expect(complementPorts(ALL_PORTS)).toEqual([]);
    expect(complementPorts([])).toEqual(ALL_PORTS);
  });

  it('decides containment across ranges and lists', () => {
    const p = (s: string, neg = false) => parsePortSet(s, neg)!;
    expect(portsContain(p('1000:2000'), p('1500'))).toBe(true);
    expect(portsContain(p('1000:2000'), p('1500:2500'))).toBe(false);
    expect(portsContain(p('22,80,443'), p('80,443'))).toBe(true);
    expect(portsContain(p('22,80'), p('22:80'))).toBe(false);
    expect(portsContain(p('22', true), p('80'))).toBe(true);
    expect(portsContain(p('22', true), p('20:30'))).toBe(false);
    expect(portsContain(ALL_PORTS, p('1:2,5'))).toBe(true);
  });

  it('intersects two port matches on one rule', () => {
    expect(intersectPorts(parsePortSet('1000:2000')!, parsePortSet('1500,2500')!)).toEqual([[1500, 1500]]);
  });

  it('names a single port and formats sets for people', () => {
    expect(singlePort(parsePortSet('22')!)).toBe(22);
    expect(singlePort(parsePortSet('22:23')!)).toBeNull();
    expect(formatPorts(parsePortSet('22,80:90')!)).toBe('22,80-90');
  });
});
