import pg from 'pg';
import type { Logger } from '../observability/logger.ts';

export interface NotificationListener {
  on(channel: string, callback: () => void): void;
  close(): Promise<void>;
}

/**
 * One LISTEN connection for the whole process. Notifications are only a hint (loops still poll), so a
 * lost connection costs latency, not correctness; it is re-established in the background.
 */
export function listenForNotifications(databaseUrl: string, channels: string[], log: Logger): NotificationListener {
  const callbacks = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'seam-listener' });
    next.on('notification', (n) => callbacks.get(n.channel)?.forEach((cb) => cb()));
    next.on('error', (err) => {
      log.warn({ event: 'listener_connection_lost', error: err.message }, 'notification connection lost; reconnecting');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      setTimeout(() => void connect(), 1000).unref();
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      client = next;
    } catch (err) {
      log.warn({ event: 'listener_connect_failed', error: (err as Error).message }, 'could not listen; retrying');
      await next.end().catch(() => undefined);
      setTimeout(() => void connect(), 1000).unref();
    }
  };
  void connect();

  return {
    on(channel, callback) {
      if (!callbacks.has(channel)) callbacks.set(channel, new Set());
      callbacks.get(channel)!.add(callback);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
