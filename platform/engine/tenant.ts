/**
 * Camunda 7's two ways of naming a tenant, where "no tenant" must be said explicitly: left out, a message
 * correlates and a query matches across every tenant. `null` is "no tenant", as the engine reports it.
 */

/** For POST /message by business key (a start): the tenant's definitions only, or those of no tenant. */
export const correlationTenant = (tenantId: string | null): { tenantId: string } | { withoutTenantId: true } =>
  tenantId ? { tenantId } : { withoutTenantId: true };

/** For the history and runtime instance queries: the tenant's instances only, or those of no tenant. */
export const queryTenant = (tenantId: string | null): { tenantIdIn: string[] } | { withoutTenantId: true } =>
  tenantId ? { tenantIdIn: [tenantId] } : { withoutTenantId: true };
