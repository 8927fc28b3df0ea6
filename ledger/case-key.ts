/**
 * A case as Camunda 7 keys it: a process key and a business key exist once per tenant. `tenantId` null is
 * "no tenant", a tenant of its own: it matches only rows without a tenant (statements compare the stored
 * `tenant_key`, which is `coalesce(tenant_id, '')`, with `coalesce($n, '')`).
 */
export interface CaseKey {
  processKey: string;
  businessKey: string;
  tenantId: string | null;
}
