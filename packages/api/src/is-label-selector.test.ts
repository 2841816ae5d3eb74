import { describe, expect, it } from 'vitest';
import { isLabelSelector } from './label-selector.js';

describe('isLabelSelector', () => {
  it.each([
    'ovn.kubernetes.io/vpc-nat-gw=true',
    'ovn.kubernetes.io/vpc-nat-gw==true',
    'app!=other',
    'app in (vpc-nat-gw-a, vpc-nat-gw-b)',
    'app notin (x)',
    'ovn.kubernetes.io/vpc-nat-gw',
    '!canary',
    'a=b,c!=d,e in (f,g),h',
    'empty=',
    '',
    // The API server's labels.Parse takes Gt and Lt, and reads a newline as space, as kube-sim does.
    'tier>5',
    'tier<5',
    'a\n=b',
    // Keys that are names of Object.prototype's members are plain keys.
    'constructor',
    'toString=1',
  ])('accepts %j', (s) => {
    expect(isLabelSelector(s)).toBe(true);
  });

  it.each([
    'app in (a',
    'a=b=c',
    'a b',
    'in (a)',
    'a=(b)',
    'app in ((a))',
    '-bad=x',
    'a=b,',
    'a=$(rm -rf /)',
    'tier>five',
    '=x',
  ])('rejects %j', (s) => {
    expect(isLabelSelector(s)).toBe(false);
  });
});
