import { PrivateStack } from '../test/chaos/support/private-stack.ts';
import { mkdtempSync } from 'node:fs';
async function main() {
  const s = new PrivateStack(mkdtempSync('/tmp/seam-chaos-try-'));
  let t = Date.now();
  await s.startPostgres(); console.log('pg', s.databaseUrl, Date.now() - t); t = Date.now();
  await s.restartPostgres(500); console.log('pg restart', Date.now() - t); t = Date.now();
  await s.startKafka(); console.log('kafka', s.brokers, Date.now() - t); t = Date.now();
  await s.killKafka(500); console.log('kafka kill+start', Date.now() - t);
  await s.stop(); console.log('stopped');
}
main().catch((e) => { console.error(e); process.exit(1); });
