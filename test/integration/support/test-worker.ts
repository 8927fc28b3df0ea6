// A worker process for the crash and shutdown tests: every handler, with the evidence-request task wrapped
// so the test can catch it mid-task. Modes: `hang-after-work` does the work, then never reports to the engine
// (the test kills it there); `slow` takes 2 s before completing (the test sends SIGTERM meanwhile).
import { loadConfig } from '../../../platform/config.ts';
import { createLogger } from '../../../platform/observability/logger.ts';
import { untilSignal } from '../../../platform/service/until-signal.ts';
import { launchWorkers, newRegistry } from '../../../workers/run-workers.ts';
import { requestEvidence } from '../../../apps/regulatory-case/workers/case-tasks.ts';
import { regulatoryCase } from '../../../apps/regulatory-case/index.ts';
import type { TaskHandler } from '../../../workers/runtime/task-handler.ts';
import { sleep } from '../../../platform/wait.ts';

const mode = process.argv[2];
const wrapped: TaskHandler = {
  ...requestEvidence,
  async handle(task, deps) {
    process.stdout.write(`WORK_STARTED ${task.businessKey}\n`);
    const outcome = await requestEvidence.handle(task, deps);
    if (mode === 'hang-after-work') {
      process.stdout.write(`WORK_DONE ${task.businessKey}\n`);
      await new Promise(() => undefined);
    }
    await sleep(2000);
    return outcome;
  },
};

const config = loadConfig();
const workers = launchWorkers(config, newRegistry(), {
  handlers: regulatoryCase.handlers.map((h) => (h === requestEvidence ? wrapped : h)),
  log: createLogger('warn', 'test-worker'),
});
process.stdout.write('READY\n');
await untilSignal();
const { unfinished } = await workers.shutdown();
process.stdout.write(`STOPPED unfinished=${unfinished}\n`);
process.exit(0);
