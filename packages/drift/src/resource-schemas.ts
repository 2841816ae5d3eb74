import {
  IptablesDnatRule,
  IptablesEIP,
  IptablesFIPRule,
  IptablesSnatRule,
  type KubeOvnKind,
  VpcNatGateway,
} from '@natscope/api';

/** What the readers need of a zod schema (drift depends on the schemas through @natscope/api, not on zod). */
export interface ResourceSchema {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Each kind's schema: what a file's or the API server's object must fit (unknown fields kept). */
export const RESOURCE_SCHEMAS: Readonly<Record<KubeOvnKind, ResourceSchema>> = {
  VpcNatGateway,
  IptablesEIP,
  IptablesFIPRule,
  IptablesDnatRule,
  IptablesSnatRule,
};
