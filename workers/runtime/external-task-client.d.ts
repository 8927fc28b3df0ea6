// Types for the parts of camunda-external-task-client-js v3 that Seam uses. DefinitelyTyped covers
// only v1, whose API differs; these follow the v3 sources (lib/Client.js, TaskService.js, Variables.js).
declare module 'camunda-external-task-client-js' {
  import type { EventEmitter } from 'node:events';

  export type Interceptor = (config: RequestConfig) => RequestConfig;
  export interface RequestConfig {
    method: string;
    json?: Record<string, unknown>;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    [option: string]: unknown;
  }

  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | ((client: Client) => void)[];
  }

  export interface SubscribeOptions {
    lockDuration?: number;
    variables?: string[];
    localVariables?: boolean;
    includeExtensionProperties?: boolean;
    processDefinitionKeyIn?: string[];
    tenantIdIn?: string[];
  }

  export class Variables {
    constructor(initialVariables?: Record<string, unknown>, options?: Record<string, unknown>);
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
    getAllTyped(): Record<string, { value: unknown; type: string; valueInfo?: unknown }>;
    set(name: string, value: unknown): this;
    setAll(values: Record<string, unknown>): this;
    setTyped(name: string, typed: { value: unknown; type: string; valueInfo?: unknown }): this;
  }

  /** A task as fetchAndLock returns it, with `variables` wrapped by the client. */
  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    activityId: string;
    activityInstanceId: string;
    executionId: string;
    processInstanceId: string;
    processDefinitionId: string;
    processDefinitionKey: string;
    processDefinitionVersionTag: string | null;
    businessKey: string | null;
    tenantId: string | null;
    retries: number | null;
    errorMessage: string | null;
    lockExpirationTime: string;
    priority: number;
    extensionProperties?: Record<string, string>;
    variables: Variables;
  }

  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void>;

  export interface TopicSubscription {
    unsubscribe(): void;
  }

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    readonly activeTasksCount: number;
    subscribe(topic: string, options: SubscribeOptions, handler: Handler): TopicSubscription;
    start(): void;
    stop(): void;
  }

  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}
