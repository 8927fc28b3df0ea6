import type { components, paths } from './generated/camunda-rest.ts';
import type { Config } from '../config.ts';
import { Semaphore } from '../service/semaphore.ts';
import { EngineError, engineErrorFromResponse, engineErrorFromThrown } from './engine-error.ts';
import { createRawEngineClient } from './raw-client.ts';

export type EngineSchemas = components['schemas'];
export type CorrelationMessage = EngineSchemas['CorrelationMessageDto'];
export type CorrelationResult = EngineSchemas['MessageCorrelationResultWithVariableDto'];
export type ProcessInstance = EngineSchemas['ProcessInstanceDto'];
export type EventSubscription = EngineSchemas['EventSubscriptionDto'];
export type ProcessDefinition = EngineSchemas['ProcessDefinitionDto'];
export type Deployment = EngineSchemas['DeploymentWithDefinitionsDto'];
export type VariableValue = EngineSchemas['VariableValueDto'];
export type ExternalTask = EngineSchemas['ExternalTaskDto'];
export type Job = EngineSchemas['JobDto'];
export type HistoricDetail = EngineSchemas['HistoricDetailDto'];
export type HistoricProcessInstance = EngineSchemas['HistoricProcessInstanceDto'];
export type ActivityInstance = EngineSchemas['ActivityInstanceDto'];

type QueryOf<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

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

export interface EngineClientOptions {
  /** At most this many correlations in flight at once (the bridge's SEAM_BRIDGE_CONCURRENCY); unbounded when unset. */
  maxConcurrentCorrelations?: number;
}

/**
 * Seam's view of the Camunda 7 REST API: every call product code makes is a named method here. Request and
 * response types come from the engine's own OpenAPI document (platform/engine/generated). Every failure is
 * thrown as an EngineError (see engine-error.ts for the classification helpers). The raw transport
 * (raw-client.ts), which leaves HTTP errors to its caller, is for this file and tests only; lint refuses it elsewhere.
 */
export interface EngineClient {
  version(): Promise<string>;
  /** The product name the engine reports in its telemetry data ("Camunda BPM Runtime", "Operaton BPM Runtime"), if any. */
  telemetryProduct(): Promise<string | undefined>;
  deploy(files: DeployFile[], options: DeployOptions): Promise<Deployment>;
  correlate(message: CorrelationMessage): Promise<CorrelationResult[]>;
  getLatestDefinitionXml(processKey: string, tenantId?: string): Promise<string | null>;
  processInstances(query: EngineSchemas['ProcessInstanceQueryDto']): Promise<ProcessInstance[]>;
  /** Where a running instance stands (its activity instance tree, rooted at the instance), or null when it has ended. */
  activityInstances(processInstanceId: string): Promise<ActivityInstance | null>;
  eventSubscriptions(query: paths['/event-subscription']['get']['parameters']['query']): Promise<EventSubscription[]>;
  /** A process variable's value, or undefined when the instance has no such variable. */
  getVariable(processInstanceId: string, name: string): Promise<unknown>;
  processDefinitions(query: QueryOf<'/process-definition', 'get'>): Promise<ProcessDefinition[]>;
  /** The BPMN XML of one deployed definition. */
  getDefinitionXml(definitionId: string): Promise<string | null>;
  externalTasks(query: QueryOf<'/external-task', 'get'>): Promise<ExternalTask[]>;
  /** One external task, or null when the engine has none with this id (completed, or its instance ended). */
  getExternalTask(id: string): Promise<ExternalTask | null>;
  unlockExternalTask(id: string): Promise<void>;
  jobs(query: QueryOf<'/job', 'get'>): Promise<Job[]>;
  executeJob(id: string): Promise<void>;
  historicDetails(query: QueryOf<'/history/detail', 'get'>): Promise<HistoricDetail[]>;
  historicProcessInstances(query: EngineSchemas['HistoricProcessInstanceQueryDto']): Promise<HistoricProcessInstance[]>;
  /** Sets one process variable on an instance (a record the engine's history keeps). */
  setVariable(processInstanceId: string, name: string, value: VariableValue): Promise<void>;
  /** Deletes a running instance without its listeners or I/O mappings; an instance already gone is fine. */
  deleteProcessInstance(processInstanceId: string): Promise<void>;
  /** Lets the connections go once the calls in flight have answered; a call after it fails (ENGINE_UNREACHABLE). */
  close(): Promise<void>;
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

export function createEngineClient(engine: Config['engine'], options: EngineClientOptions = {}): EngineClient {
  const raw = createRawEngineClient(engine);
  const correlationGate = options.maxConcurrentCorrelations ? new Semaphore(options.maxConcurrentCorrelations) : null;

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

  /** A lookup by id: null when the engine answers 404, every other failure thrown. */
  async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
    try {
      return await lookup;
    } catch (err) {
      if (err instanceof EngineError && err.status === 404) return null;
      throw err;
    }
  }

  async function correlate(message: CorrelationMessage): Promise<CorrelationResult[]> {
    const data = await expect('POST /message', raw.POST('/message', { body: { ...message, resultEnabled: true } }));
    return (data ?? []) as CorrelationResult[];
  }

  return {
    async version() {
      const data = await expect('GET /version', raw.GET('/version'));
      return data.version ?? 'unknown';
    },
    async telemetryProduct() {
      const data = await expect('GET /telemetry/data', raw.GET('/telemetry/data'));
      return data.product?.name ?? undefined;
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
    correlate: (message) => (correlationGate ? correlationGate.run(() => correlate(message)) : correlate(message)),
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
    async activityInstances(processInstanceId) {
      return orNull(
        expect(
          'GET /process-instance/{id}/activity-instances',
          raw.GET('/process-instance/{id}/activity-instances', { params: { path: { id: processInstanceId } } }),
        ),
      );
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
    async processDefinitions(query) {
      return expect('GET /process-definition', raw.GET('/process-definition', { params: { query } }));
    },
    async getDefinitionXml(definitionId) {
      const data = await expect('GET /process-definition/{id}/xml', raw.GET('/process-definition/{id}/xml', { params: { path: { id: definitionId } } }));
      return data.bpmn20Xml ?? null;
    },
    async externalTasks(query) {
      return expect('GET /external-task', raw.GET('/external-task', { params: { query } }));
    },
    async getExternalTask(id) {
      return orNull(expect('GET /external-task/{id}', raw.GET('/external-task/{id}', { params: { path: { id } } })));
    },
    async unlockExternalTask(id) {
      await expect('POST /external-task/{id}/unlock', raw.POST('/external-task/{id}/unlock', { params: { path: { id } } }));
    },
    async jobs(query) {
      return expect('GET /job', raw.GET('/job', { params: { query } }));
    },
    async executeJob(id) {
      await expect('POST /job/{id}/execute', raw.POST('/job/{id}/execute', { params: { path: { id } } }));
    },
    async historicDetails(query) {
      return expect('GET /history/detail', raw.GET('/history/detail', { params: { query } }));
    },
    async historicProcessInstances(query) {
      return expect('POST /history/process-instance', raw.POST('/history/process-instance', { body: query }));
    },
    async setVariable(processInstanceId, name, value) {
      await expect(
        'PUT /process-instance/{id}/variables/{varName}',
        raw.PUT('/process-instance/{id}/variables/{varName}', { params: { path: { id: processInstanceId, varName: name } }, body: value }),
      );
    },
    async deleteProcessInstance(processInstanceId) {
      await expect(
        'DELETE /process-instance/{id}',
        raw.DELETE('/process-instance/{id}', {
          params: { path: { id: processInstanceId }, query: { skipCustomListeners: true, skipIoMappings: true, failIfNotExists: false } },
        }),
      );
    },
    close: () => raw.close(),
  };
}
