import { stringify } from 'yaml';

/** An object as `kubectl get … -o yaml` would print it (key order kept), for a drift row's YAML. */
export function objectYaml(object: unknown): string {
  return stringify(object);
}
