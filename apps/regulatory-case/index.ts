import path from 'node:path';
import type { TaskHandler } from '../../workers/runtime/task-handler.ts';
import { seamHandlers } from '../../workers/handlers.ts';
import * as caseTasks from './workers/case-tasks.ts';

/**
 * The regulatory-case application: an example built on Seam's generic machinery. Its processes live in
 * `processes/`, its event mapping and case-task workers here. Nothing generic imports this folder; the
 * CLI composes it with the bridge and the workers.
 */
export const regulatoryCase = {
  name: 'regulatory-case',
  mappingFile: path.join(import.meta.dirname, 'mappings.yaml'),
  /** Every handler this application's processes need: Seam's shadow hooks and late events, then the case tasks. */
  handlers: [
    ...seamHandlers,
    caseTasks.requestEvidence,
    caseTasks.sendEvidenceReminder,
    caseTasks.validateEvidence,
    caseTasks.requestCorrection,
    caseTasks.requestAssessment,
    caseTasks.notifySupervisor,
    caseTasks.recordDecision,
    caseTasks.closeForMissingEvidence,
    caseTasks.registerAppeal,
  ] satisfies TaskHandler[],
};
