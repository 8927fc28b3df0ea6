import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';

describe('configuration from the environment', () => {
  it('gives the local stack defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/seam');
    expect(config.engine.restUrl).toBe('http://127.0.0.1:8080/engine-rest');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.sasl).toBeUndefined();
    expect(config.engine).toMatchObject({ kind: 'camunda', databaseName: 'camunda' });
  });

  it('gives each engine of the local stack its own databases, so switching never mixes them', () => {
    const config = loadConfig({ SEAM_ENGINE: 'operaton' });
    expect(config.engine).toMatchObject({ kind: 'operaton', databaseName: 'operaton', restUrl: 'http://127.0.0.1:8080/engine-rest' });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/seam_operaton');
  });

  it('puts the local engine on SEAM_ENGINE_PORT unless CAMUNDA_REST_URL says where it is', () => {
    expect(loadConfig({ SEAM_ENGINE_PORT: '8081' }).engine.restUrl).toBe('http://127.0.0.1:8081/engine-rest');
    expect(loadConfig({ SEAM_ENGINE_PORT: '8081', CAMUNDA_REST_URL: 'https://bpm.example/engine-rest/' }).engine.restUrl).toBe(
      'https://bpm.example/engine-rest',
    );
  });

  it('arms a named fault point only in the form <point>:<n>, naming the points it knows when refused', () => {
    expect(loadConfig({ SEAM_FAULT_KILL_AT: 'after-shadow-insert:3' }).killAt).toEqual({ point: 'after-shadow-insert', at: 3 });
    expect(loadConfig({}).killAt).toBeUndefined();
    for (const bad of ['after-lunch:3', 'after-engine-call:0', 'after-engine-call']) {
      expect(() => loadConfig({ SEAM_FAULT_KILL_AT: bad })).toThrow(/SEAM_FAULT_KILL_AT.*before-engine-call, after-engine-call, after-inbox-commit/);
    }
  });

  it('keeps databases that are set explicitly, whatever the engine', () => {
    const config = loadConfig({ SEAM_ENGINE: 'operaton', DATABASE_URL: 'postgres://u@db:5432/ledger', SEAM_ENGINE_DB_NAME: 'bpm' });
    expect(config.databaseUrl).toBe('postgres://u@db:5432/ledger');
    expect(config.engine.databaseName).toBe('bpm');
  });

  it('names the engines it knows when SEAM_ENGINE is something else', () => {
    expect(() => loadConfig({ SEAM_ENGINE: 'cibseven' })).toThrow(/SEAM_ENGINE: .*camunda.*operaton.* \(got "cibseven"\)/);
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://h/db',
        KAFKA_BROKERS: 'nohostport',
        CAMUNDA_TIMEOUT_MS: '0',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        LOG_LEVEL: 'chatty',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['CAMUNDA_TIMEOUT_MS', 'DATABASE_URL', 'KAFKA_BROKERS', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME', 'LOG_LEVEL']);
    expect((error as Error).message).toContain('KAFKA_BROKERS: each broker must be host:port (got "nohostport")');
  });

  it('explains a value that is not a URL at all', () => {
    expect(() => loadConfig({ DATABASE_URL: 'x', CAMUNDA_REST_URL: 'localhost:8080' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL \(got "x"\)\n.*CAMUNDA_REST_URL: must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('never echoes a password back', () => {
    expect(() =>
      loadConfig({ CAMUNDA_PASSWORD: '', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 's3cr3t', KAFKA_SSL: 'maybe' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ KAFKA_SASL_PASSWORD: 's3cr3t', KAFKA_SSL: 'maybe' });
    } catch (err) {
      expect((err as Error).message).toContain('KAFKA_SSL');
      expect((err as Error).message).not.toContain('s3cr3t');
    }
  });

  it('builds SASL and TLS settings when they are complete', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    });
    expect(config.kafka).toMatchObject({ brokers: ['a:9092', 'b:9093'], ssl: true, sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
  });

  it('never echoes the password inside an invalid DATABASE_URL', () => {
    for (const url of ['mysql://seam:s3cr3t-pw@db:3306/seam', 'postgres://seam:s3cr3t-pw@db:5432/']) {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: url });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain('DATABASE_URL');
      expect(message).not.toContain('s3cr3t-pw');
    }
  });

  it('gives every process its own default worker id, and keeps SEAM_WORKER_ID when set', () => {
    const a = loadConfig({}).workers.workerId;
    const b = loadConfig({}).workers.workerId;
    expect(a).not.toBe(b);
    expect(a).toContain(`:${process.pid}:`);
    expect(loadConfig({ SEAM_WORKER_ID: 'stable-1' }).workers.workerId).toBe('stable-1');
  });
});
