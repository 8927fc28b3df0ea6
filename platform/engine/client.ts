import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/camunda-rest.ts';
import type { Config } from '../config.ts';
import { EngineError, engineErrorFromResponse, engineErrorFromThrown } from './engine-error.ts';

export type EngineSchemas = components['schemas'];
export type CorrelationMessage = EngineSchemas['CorrelationMessageDto'];
export type CorrelationResult = EngineSchemas['MessageCorrelationResultWithVariableDto'];
export type ProcessInstance = EngineSchemas['ProcessInstanceDto'];
export type EventSubscription = EngineSchemas['EventSubscriptionDto'];
export type ProcessDefinition = EngineSchemas['ProcessDefinitionDto'];
export type Deployment = EngineSchemas['DeploymentWithDefinitionsDto'];
export type VariableValue = EngineSchemas['VariableValueDto'];

export interface DeployFile {
  name: string;
  content: string;
}

export interface DeployOptions {
  deploymentName: string;
  source?: string;
  deployChangedOnly?: boolean;
  tenantId?: string;
}

/**
 * Seam's view of the Camunda 7 REST API. Request and response types come from the engine's own OpenAPI
 * document (platform/engine/generated); `raw` is the fully typed client for calls not wrapped here. Every failure
 * is thrown as an EngineError (see engine-error.ts for the classification helpers).
 */
export interface EngineClient {
  raw: Client<paths>;
  version(): Promise<string>;
  deploy(files: DeployFile[], options: DeployOptions): Promise<Deployment>;
  correlate(message: CorrelationMessage): Promise<CorrelationResult[]>;
  getLatestDefinitionXml(processKey: string, tenantId?: string): Promise<string | null>;
  processInstances(query: EngineSchemas['ProcessInstanceQueryDto']): Promise<ProcessInstance[]>;
  eventSubscriptions(query: paths['/event-subscription']['get']['parameters']['query']): Promise<EventSubscription[]>;
  /** A process variable's value, or undefined when the instance has no such variable. */
  getVariable(processInstanceId: string, name: string): Promise<unknown>;
}

export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

export function createEngineClient(engine: Config['engine']): EngineClient {
  // One place for credentials, the per-call timeout and turning network failures into EngineErrors.
  const timedFetch = async (request: Request): Promise<Response> => {
    try {
      return await fetch(request, { signal: AbortSignal.timeout(engine.timeoutMs) });
    } catch (err) {
      throw engineErrorFromThrown(`${request.method} ${new URL(request.url).pathname}`, err, engine.timeoutMs);
    }
  };
  const raw = createClient<paths>({
    baseUrl: engine.restUrl,
    headers: { authorization: basicAuthHeader(engine.user, engine.password), accept: 'application/json' },
    fetch: timedFetch,
  });

  /** Unwraps an openapi-fetch result: data on success, an EngineError otherwise. */
  async function expect<T>(operation: string, call: Promise<FetchResult<T>>): Promise<T> {
    let result: FetchResult<T>;
    try {
      result = await call;
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw engineErrorFromThrown(operation, err, engine.timeoutMs);
    }
    if (!result.response.ok) throw await engineErrorFromResponse(operation, result.response, result.error);
    return result.data as T;
  }

  return {
    raw,
    async version() {
      const data = await expect('GET /version', raw.GET('/version'));
      return data.version ?? 'unknown';
    },
    async deploy(files, options) {
      const form = new FormData();
      form.append('deployment-name', options.deploymentName);
      if (options.source) form.append('deployment-source', options.source);
      if (options.tenantId) form.append('tenant-id', options.tenantId);
      form.append('deploy-changed-only', String(options.deployChangedOnly ?? true));
      form.append('enable-duplicate-filtering', String(options.deployChangedOnly ?? true));
      for (const file of files) form.append(file.name, new Blob([file.content]), file.name);
      // The generated type describes the form fields; the body is sent as the FormData built above.
      return expect('POST /deployment/create', raw.POST('/deployment/create', { body: form as never, bodySerializer: (b: unknown) => b as FormData }));
    },
    async correlate(message) {
      const data = await expect('POST /message', raw.POST('/message', { body: { ...message, resultEnabled: true } }));
      return (data ?? []) as CorrelationResult[];
    },
    async getLatestDefinitionXml(processKey, tenantId) {
      const path = tenantId ? '/process-definition/key/{key}/tenant-id/{tenant-id}/xml' : '/process-definition/key/{key}/xml';
      try {
        const data = await expect(
          `GET ${path}`,
          tenantId
            ? raw.GET('/process-definition/key/{key}/tenant-id/{tenant-id}/xml', { params: { path: { key: processKey, 'tenant-id': tenantId } } })
            : raw.GET('/process-definition/key/{key}/xml', { params: { path: { key: processKey } } }),
        );
        return data.bpmn20Xml ?? null;
      } catch (err) {
        if (err instanceof EngineError && err.status === 404) return null;
        throw err;
      }
    },
    async processInstances(query) {
      return expect('POST /process-instance', raw.POST('/process-instance', { body: query }));
    },
    async eventSubscriptions(query) {
      return expect('GET /event-subscription', raw.GET('/event-subscription', { params: { query } }));
    },
    async getVariable(processInstanceId, name) {
      try {
        const variable = await expect(
          'GET /process-instance/{id}/variables/{varName}',
          raw.GET('/process-instance/{id}/variables/{varName}', {
            params: { path: { id: processInstanceId, varName: name }, query: { deserializeValue: false } },
          }),
        );
        return variable.value ?? undefined;
      } catch (err) {
        if (err instanceof EngineError && err.status === 404) return undefined;
        throw err;
      }
    },
  };
}
