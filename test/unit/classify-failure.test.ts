import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../bridge/commands/classify-failure.ts';
import { EngineError } from '../../platform/engine/engine-error.ts';

// Error bodies exactly as Camunda 7.24 returns them (recorded in test/integration/engine-client.test.ts).
const http = (status: number, type: string, message: string, code: number | null = null) =>
  new EngineError('POST /message', 'http', status, type, message, code);

describe('classifying engine failures for the command worker', () => {
  it.each([
    [http(500, 'OptimisticLockingException', 'ENGINE-03005 Execution of UPDATE ExecutionEntity failed', 1), 'retry', 'OPTIMISTIC_LOCKING'],
    [new EngineError('POST /message', 'connection', 0, 'ConnectionError', 'engine not reachable (ECONNREFUSED)', null), 'retry', 'ENGINE_UNREACHABLE'],
    [http(503, 'HTTP503', 'Service Unavailable'), 'retry', 'ENGINE_UNREACHABLE'],
    [http(500, 'ProcessEngineException', 'database down'), 'retry', 'ENGINE_ERROR'],
    [new EngineError('POST /message', 'timeout', 0, 'Timeout', 'no answer within 10000 ms', null), 'settle', 'OUTCOME_UNKNOWN'],
    [
      http(
        400,
        'RestException',
        "org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message 'M': No process definition or execution matches the parameters",
        0,
      ),
      'no-match',
      'NO_MATCHING_EXECUTION',
    ],
    [
      http(
        400,
        'RestException',
        "org.camunda.bpm.engine.MismatchingMessageCorrelationException: ENGINE-13031 Cannot correlate a message with name 'M' to a single execution. 2 executions match",
        0,
      ),
      'quarantine',
      'MULTIPLE_MATCH',
    ],
    [http(401, 'Unauthorized', 'HTTP 401'), 'quarantine', 'ENGINE_UNAUTHORIZED'],
    [http(403, 'AuthorizationException', 'not allowed'), 'quarantine', 'ENGINE_FORBIDDEN'],
    [
      http(400, 'InvalidRequestException', "Cannot deliver message: Cannot convert value 'abc' of type 'Integer' to java type java.lang.Integer"),
      'quarantine',
      'INVALID_VARIABLES',
    ],
    [http(404, 'InvalidRequestException', 'no such thing'), 'quarantine', 'ENGINE_NOT_FOUND'],
    [new Error('pool exhausted'), 'retry', 'INTERNAL_ERROR'],
  ])('%#: %s → %s %s', (err, action, code) => {
    expect(classifyFailure(err)).toMatchObject({ action, code });
  });
});
