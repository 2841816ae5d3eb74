/** What versionOf reads of an object. */
export interface VersionedObject {
  kind: string;
  metadata: { name: string; uid?: string | undefined; resourceVersion?: string | undefined };
}

/**
 * What identifies one version of an object: kind, name, uid and resourceVersion when the API server gave them (it
 * changes resourceVersion with every write, so an equal one is an equal object), else its whole JSON (a file's).
 * The server's listing digest, its reuse of validated objects and each gateway's slice fingerprint all key on it.
 */
export function versionOf(object: VersionedObject): string {
  const { name, uid, resourceVersion } = object.metadata;
  return resourceVersion ? `${object.kind}/${name}/${uid ?? ''}@${resourceVersion}` : JSON.stringify(object);
}
