import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driftFixture, driftFixturePath } from '../fixtures/index.js';
import { readResources } from './read-resources.js';
import { ResourceFileError } from './resource-file-error.js';

const fixtureText = (file: string) => readFileSync(driftFixturePath(file), 'utf8');

/** The ResourceFileError readResources throws for `text`. */
function failure(text: string, file = 'crs.yaml'): ResourceFileError {
  try {
    readResources(text, file);
  } catch (error) {
    if (error instanceof ResourceFileError) return error;
    throw error;
  }
  throw new Error('readResources accepted the text');
}

describe('readResources', () => {
  it('reads the List kubectl get … -o yaml prints, by kind', () => {
    const fixture = driftFixture('not-ready-v116-legacy');
    const { resources, notes } = readResources(fixtureText(fixture.resources), fixture.resources);
    expect(resources.gateways.map((g) => g.metadata.name)).toEqual(['gw1']);
    expect(resources.eips.map((e) => e.metadata.name)).toEqual(['eip-snat', 'eip-fip', 'eip-dnat']);
    expect(resources.fips.map((f) => f.metadata.name)).toEqual(['fip-vm1']);
    expect(resources.dnats.map((d) => d.metadata.name)).toEqual(['dnat-ssh', 'dnat-web', 'dnat-ssh-new']);
    expect(resources.snats.map((s) => s.metadata.name)).toEqual(['snat-vpc1', 'snat-vpc2']);
    expect(resources.dnats[2]?.status).toBeUndefined();
    expect(resources.snats[1]?.status).toMatchObject({ ready: false, redo: '2026-12-01T09:14:03' });
    expect(notes).toEqual([]);
  });

  it('reads the -o json form of the same objects to the same result', () => {
    const fixture = driftFixture('in-sync-v114-nft');
    expect(fixture.json).toBeDefined();
    const fromJson = readResources(fixtureText(fixture.json!), fixture.json!);
    expect(fromJson).toEqual(readResources(fixtureText(fixture.resources), fixture.resources));
  });

  it('takes several documents and single objects, and ignores other kinds with a note', () => {
    const text = [
      'apiVersion: kubeovn.io/v1\nkind: IptablesEIP\nmetadata: {name: eip-a}\nspec: {natGwDp: gw1, v4ip: 192.168.100.20}',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: vpc-nat-gw-gw1-0}',
      'apiVersion: kubeovn.io/v1\nkind: Subnet\nmetadata: {name: net1}',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kubeovn.io/v1\n  kind: IptablesSnatRule\n  metadata: {name: snat-a}\n  spec: {eip: eip-a, internalCIDR: 10.0.1.0/24}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: other}',
      '', // a trailing ---
    ].join('\n---\n');
    const { resources, notes } = readResources(text, 'mixed.yaml');
    expect(resources.eips.map((e) => e.spec.v4ip)).toEqual(['192.168.100.20']);
    expect(resources.snats.map((s) => s.spec.internalCIDR)).toEqual(['10.0.1.0/24']);
    expect(notes).toEqual([
      'ignored 2 objects of kind Pod (v1) (not a kubeovn.io NAT gateway kind)',
      'ignored 1 object of kind Subnet (kubeovn.io/v1) (not a kubeovn.io NAT gateway kind)',
    ]);
  });

  it('takes the empty List kubectl prints when there is nothing, and an empty file', () => {
    const empty = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
    expect(
      readResources('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', 'none.yaml').resources,
    ).toEqual(empty);
    expect(readResources('', 'empty.yaml').resources).toEqual(empty);
  });

  it('keeps names like __proto__ as ordinary names', () => {
    const text =
      'apiVersion: kubeovn.io/v1\nkind: IptablesEIP\nmetadata: {name: __proto__}\nspec: {natGwDp: constructor}\n';
    const { resources } = readResources(text, 'odd.yaml');
    expect(resources.eips[0]?.metadata.name).toBe('__proto__');
    expect(resources.eips[0]?.spec.natGwDp).toBe('constructor');
  });

  it('uses the later of two objects with one name, and says so', () => {
    const eip = (ip: string) =>
      `apiVersion: kubeovn.io/v1\nkind: IptablesEIP\nmetadata: {name: e}\nspec: {v4ip: ${ip}}`;
    const { resources, notes } = readResources(`${eip('192.168.100.1')}\n---\n${eip('192.168.100.2')}\n`, 'twice.yaml');
    expect(resources.eips.map((e) => e.spec.v4ip)).toEqual(['192.168.100.2']);
    expect(notes).toEqual(['IptablesEIP e appears twice; the later one is used']);
  });

  it('points at the field of the wrong type, as file:line:column', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kubeovn.io/v1\n  kind: IptablesFIPRule\n  metadata:\n    name: fip01\n  spec:\n    eip: [eip-fip]\n';
    const error = failure(text);
    expect(error.message).toBe(
      'crs.yaml:9:10: IptablesFIPRule fip01: spec.eip: Invalid input: expected string, received array',
    );
    expect([error.file, error.line, error.column]).toEqual(['crs.yaml', 9, 10]);
  });

  it('points at the object that lacks a name', () => {
    const error = failure(
      '{"apiVersion": "kubeovn.io/v1", "kind": "IptablesEIP",\n "metadata": {"labels": {}}}',
      'crs.json',
    );
    expect(error.message).toMatch(/^crs\.json:2:14: IptablesEIP: metadata\.name: Invalid input/);
  });

  it('says where text stops being YAML or JSON', () => {
    expect(failure('items:\n- kind: IptablesEIP\n  metadata: {name: [\n').message).toMatch(
      /^crs\.yaml:4:1: not YAML or JSON: /,
    );
    expect(failure('{"items": [}\n', 'crs.json').message).toMatch(/^crs\.json:1:\d+: not YAML or JSON: /);
    expect(failure('a: 1\na: 2\n').message).toBe('crs.yaml:2:1: not YAML or JSON: Map keys must be unique');
  });

  it('says when it was given an iptables dump instead of the objects', () => {
    const dump = readFileSync(driftFixturePath(driftFixture('in-sync-v116-legacy').dump), 'utf8');
    expect(failure(dump, 'gw1.txt').message).toMatch(
      /^gw1\.txt:\d+:\d+: .*this looks like an iptables-save dump; --crs takes `kubectl get vpc-nat-gateways,/,
    );
  });

  it('refuses a document that is not an object, and an item without a kind', () => {
    expect(failure('just text\n').message).toBe(
      'crs.yaml:1:1: expected a Kubernetes object or a List of them, found a string ("just text")',
    );
    expect(failure('kind: List\nitems:\n- metadata: {name: x}\n').message).toBe('crs.yaml:3:3: items[0]: has no kind');
  });
});
