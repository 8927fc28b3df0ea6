import pg from 'pg';

/** The server part of a database URL, pointed at the `postgres` maintenance database. */
export function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** `select 1` against the server, within a few seconds. */
export async function postgresAnswers(databaseUrl: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database if it does not exist; returns whether it was created. */
export async function ensureDatabase(databaseUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    // Identifiers cannot be bound as parameters; the name is validated by the config schema or quoted here.
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (err) {
    // Two callers racing to create the same database: the loser finds it there.
    if ((err as { code?: string }).code === '42P04') return false;
    throw err;
  } finally {
    await client.end();
  }
}
