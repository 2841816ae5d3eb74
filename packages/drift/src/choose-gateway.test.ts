import { describe, expect, it } from 'vitest';
import { chooseGateway } from './choose-gateway.js';

describe('chooseGateway', () => {
  it('takes the gateway asked for when the objects describe it, and says so when they do not', () => {
    expect(chooseGateway('gw2', ['gw1', 'gw2'], 'dump.txt')).toEqual({ kind: 'chosen', gateway: 'gw2' });
    expect(chooseGateway('gw9', ['gw1'], 'vpc-nat-gw-gw1-0.txt')).toEqual({ kind: 'not-present', wanted: 'gw9' });
  });

  it('takes the only gateway, or the one the dump is named after', () => {
    expect(chooseGateway(null, ['gw1'], 'dump.txt')).toEqual({ kind: 'chosen', gateway: 'gw1' });
    expect(chooseGateway(null, ['gw1', 'gw2'], 'vpc-nat-gw-gw2-0.txt')).toEqual({ kind: 'chosen', gateway: 'gw2' });
  });

  it('chooses none when the objects name no gateway, or several and the dump says none of them', () => {
    expect(chooseGateway(null, [], 'vpc-nat-gw-gw1-0.txt')).toEqual({ kind: 'none' });
    expect(chooseGateway(null, ['gw1', 'gw2'], 'dump.txt')).toEqual({ kind: 'several' });
  });
});
