import type { IptablesEIP } from '@natscope/api';
import { kernelHost } from './kernel-spelling.js';

/** An IptablesEIP with the address its rules use. */
export interface ScopedEip {
  object: IptablesEIP;
  /** `status.ip`, else `spec.v4ip` (normalised), else null. */
  address: string | null;
  /** Where the address came from: the controller programs only from `status.ip`. */
  addressFrom: 'status' | 'spec' | null;
}

/** An EIP with its address as the comparison uses it (the join and the slices key on the same address). */
export function scopedEip(object: IptablesEIP): ScopedEip {
  const fromStatus = object.status?.ip ? kernelHost(object.status.ip) : null;
  if (fromStatus) return { object, address: fromStatus, addressFrom: 'status' };
  const fromSpec = object.spec.v4ip ? kernelHost(object.spec.v4ip) : null;
  return fromSpec ? { object, address: fromSpec, addressFrom: 'spec' } : { object, address: null, addressFrom: null };
}
