import type { TaskHandler } from './task-handler.ts';
import { openShadow } from './shadow/open-shadow.ts';
import { closeShadow, expireShadow } from './shadow/end-shadow.ts';
import { recordLateEvent } from './late-event/record-late-event.ts';
import * as caseTasks from './domain/case-tasks.ts';

/** Every external-task handler `seam workers` runs, one per topic. */
export const allHandlers: TaskHandler[] = [
  openShadow,
  closeShadow,
  expireShadow,
  recordLateEvent,
  caseTasks.requestEvidence,
  caseTasks.sendEvidenceReminder,
  caseTasks.validateEvidence,
  caseTasks.requestCorrection,
  caseTasks.requestAssessment,
  caseTasks.notifySupervisor,
  caseTasks.recordDecision,
  caseTasks.closeForMissingEvidence,
  caseTasks.registerAppeal,
];
