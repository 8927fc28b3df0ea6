import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackLayout } from './layout.ts';
import { logFileOf } from './layout.ts';
import { jvmMarker, logTail, runningPid, startDaemon, stopDaemon } from './daemon.ts';
import { buildWithMaven } from './maven.ts';
import { waitUntil } from '../../platform/wait.ts';

const run = promisify(execFile);

/** Kafka's metadata answers: the broker is up and serving. */
export async function kafkaAnswers(brokers: string[], timeoutMs = 5000): Promise<boolean> {
  const admin = new Kafka({ clientId: 'seam-stack-probe', brokers, logLevel: logLevel.NOTHING, connectionTimeout: timeoutMs, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** One KRaft node, broker and controller in one JVM; the controller listens one port above the broker. */
function serverProperties(layout: StackLayout, host: string, port: number): string {
  return [
    '# Written by `seam stack up`; edit stack/kafka or stack/control/kafka.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${port + 1}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${port + 1}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${layout.kafkaDataDir}`,
    'num.partitions=3',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // A lone node has no peers to wait for; consumers join at once.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64; Kafka rejects ones starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export type KafkaOutcome = { state: 'external' | 'running' } | { state: 'started'; ms: number };

export async function ensureKafka(layout: StackLayout, brokers: string[]): Promise<KafkaOutcome> {
  if (await kafkaAnswers(brokers, 2000)) return { state: runningPid(layout.runDir, 'kafka') ? 'running' : 'external' };
  const [host, portText] = (brokers[0] ?? '127.0.0.1:9092').split(':');
  const started = Date.now();
  await buildWithMaven(layout.kafkaProject, layout.kafkaClasspathFile, logFileOf(layout, 'maven-kafka'));
  const classpath = readFileSync(layout.kafkaClasspathFile, 'utf8').trim();
  mkdirSync(layout.kafkaDataDir, { recursive: true });
  writeFileSync(layout.kafkaConfigFile, serverProperties(layout, host!, Number(portText)));
  const logFile = logFileOf(layout, 'kafka');
  const jvm = ['-cp', classpath, `-Dlog4j2.configurationFile=${layout.kafkaLog4jConfig}`];
  if (!existsSync(path.join(layout.kafkaDataDir, 'meta.properties'))) {
    // Formatting is once per data folder: it stamps the cluster id the node will insist on afterwards.
    await run('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', layout.kafkaConfigFile]);
  }
  const child = startDaemon(layout.runDir, {
    part: 'kafka',
    marker: jvmMarker('kafka'),
    command: 'java',
    args: ['-Xms256m', '-Xmx768m', jvmMarker('kafka'), ...jvm, 'kafka.Kafka', layout.kafkaConfigFile],
    logFile,
  });
  const up = await waitUntil(async () => child.exitCode === null && (await kafkaAnswers(brokers, 2000)), 90_000, 500);
  if (!up) {
    await stopDaemon(layout.runDir, 'kafka', 5000);
    throw new Error(`Kafka did not answer within 90 s${child.exitCode !== null ? ` (exited with ${child.exitCode})` : ''}; ${logFile}:\n${logTail(logFile)}`);
  }
  return { state: 'started', ms: Date.now() - started };
}

export const stopKafka = (layout: StackLayout): Promise<boolean> => stopDaemon(layout.runDir, 'kafka', 30_000);
