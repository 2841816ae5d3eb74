import { describe, expect, it } from 'vitest';
import { LabelSelectorError, parseLabelSelector } from './label-selector.js';

const gw = { app: 'vpc-nat-gw-gw1', 'ovn.kubernetes.io/vpc-nat-gw': 'true', tier: '3' };
const other = { app: 'web', tier: '10' };
const bare = {};

describe('parseLabelSelector', () => {
  it.each([
    ['', [true, true, true]],
    ['app=vpc-nat-gw-gw1', [true, false, false]],
    ['app==vpc-nat-gw-gw1', [true, false, false]],
    ['app!=web', [true, false, true]],
    ['app in (web, vpc-nat-gw-gw1)', [true, true, false]],
    ['app notin (web)', [true, false, true]],
    ['ovn.kubernetes.io/vpc-nat-gw', [true, false, false]],
    ['!ovn.kubernetes.io/vpc-nat-gw', [false, true, true]],
    ['ovn.kubernetes.io/vpc-nat-gw=true,app!=web', [true, false, false]],
    ['app,tier in (3,10),app notin (web)', [true, false, false]],
    ['tier>5', [false, true, false]],
    ['tier<5', [true, false, false]],
    ['app in (in, notin, web)', [false, true, false]],
    ['app=', [false, false, false]],
    ['app in (,web)', [false, true, false]],
    ['  app   =  web  ', [false, true, false]],
  ])('matches %j like the real server', (selector, expected) => {
    const s = parseLabelSelector(selector);
    expect([gw, other, bare].map((l) => s.matches(l))).toEqual(expected);
  });

  it('treats a key that is only absent as matching for != and notin', () => {
    expect(parseLabelSelector('zone!=a').matches({})).toBe(true);
    expect(parseLabelSelector('zone notin (a)').matches({})).toBe(true);
    expect(parseLabelSelector('zone=a').matches({})).toBe(false);
  });

  it.each([
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in a', "unable to parse requirement: found 'a' expected: '('"],
    ['app=a,', "found '', expected: identifier after ','"],
    ['app=a b', "found 'b', expected: ',' or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['app ~ a', "unable to parse requirement: found '~', expected: '=', '!=', '==', 'in', notin'"],
    ['!app=a', "found '=', expected: ',' or 'end of string'"],
    ['app=(', "unable to parse requirement: found '(', expected: identifier"],
  ])('rejects %j with the server message', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrowError(new LabelSelectorError(message));
  });

  it('rejects an invalid key and value with field-path messages', () => {
    expect(() => parseLabelSelector('a@b=c')).toThrowError(
      /^unable to parse requirement: : Invalid value: "a@b": name part must consist of/,
    );
    expect(() => parseLabelSelector('app=a@b')).toThrowError(
      /^unable to parse requirement: values\[0\]\[app\]: Invalid value: "a@b": a valid label must be/,
    );
    expect(() => parseLabelSelector('Example.com/app=x')).toThrowError(/prefix part a lowercase RFC 1123 subdomain/);
    expect(() => parseLabelSelector(`app=${'v'.repeat(64)}`)).toThrowError(/must be no more than 63 characters/);
    expect(() => parseLabelSelector('tier>abc')).toThrowError(
      /values\[0\]: Invalid value: "abc": for 'Gt', 'Lt' operators, the value must be an integer/,
    );
  });

  it('never throws anything but LabelSelectorError on hostile text', () => {
    const hostile = [
      '\u0000',
      '((((',
      ')',
      ',,,',
      '!!!',
      '=!=',
      'a in ((b))',
      "'; rm -rf /",
      'ä=ö',
      'a'.repeat(10000),
      '\n\t',
    ];
    for (const text of hostile) {
      try {
        parseLabelSelector(text);
      } catch (err) {
        expect(err).toBeInstanceOf(LabelSelectorError);
      }
    }
  });
});
