import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { config } from './support/engine.ts';

const kafka = new Kafka({ clientId: 'seam-test', brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
const topic = `seam-test-${randomUUID()}`;
let admin: Admin | undefined;

describe('kafkajs against the local Kafka 4 KRaft broker', () => {
  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('creates a topic, produces, consumes in a group and commits offsets', async () => {
    admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(true);
    expect(await admin.listTopics()).toContain(topic);

    const producer = kafka.producer();
    await producer.connect();
    const values = ['one', 'two', 'three'].map((v) => `${v}-${randomUUID()}`);
    await producer.send({ topic, messages: values.map((value) => ({ key: 'case-1', value })) });
    await producer.disconnect();

    const groupId = `seam-test-group-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} of 3 records arrived`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === values.length) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect(); // commits the consumed offsets
    // One key means one partition, so order is kept.
    expect(received).toEqual(values);

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(committed).toBe(3);
    const groups = await admin.listGroups();
    expect(groups.groups.map((g) => g.groupId)).toContain(groupId);
  });
});
