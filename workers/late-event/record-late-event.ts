import { addIsoDuration } from '../../platform/time/iso-duration.ts';
import { complete, PermanentTaskError, requireBusinessKey, requireProperty, type TaskHandler } from '../runtime/task-handler.ts';
import { findLatestEndedShadow } from '../../ledger/shadows/find-shadows.ts';
import { insertLateEvent } from '../../ledger/late-events/insert-late-event.ts';
import type { LateEventDisposition, ShadowEnd } from '../../ledger/states.ts';

/** How long after its wait ended a late event still goes to a person; after that it is archived. */
export const DEFAULT_REVIEW_WITHIN = 'P30D';

/**
 * `seam-late-event`: an event came after the wait it was meant for had closed or expired. Records it for
 * audit in `integration.late_event` (once per source event) and carries out the late policy: a person
 * reviews it if the wait ended within `seam.reviewWithin` (default P30D) or was never recorded; otherwise
 * it is archived. The decision is the `lateDisposition` variable the model's gateway reads.
 */
export const recordLateEvent: TaskHandler = {
  topic: 'seam-late-event',
  variables: ['seamSourceEventId'],
  async handle(task, deps) {
    const messageName = requireProperty(task, 'seam.lateMessage');
    const processKey = requireProperty(task, 'seam.lateOfProcess');
    const reviewWithin = task.extensionProperties?.['seam.reviewWithin'] ?? DEFAULT_REVIEW_WITHIN;
    const businessKey = requireBusinessKey(task);
    const sourceEventId = task.variables.get('seamSourceEventId');
    if (typeof sourceEventId !== 'string' || !sourceEventId)
      throw new PermanentTaskError('variable "seamSourceEventId" (set by the bridge) is required to record a late event');

    // The review runs in the late event's tenant (the bridge starts it there), so the task's tenant is the event's.
    const tenantId = task.tenantId;
    const ended = await findLatestEndedShadow(deps.db, { processKey, businessKey, tenantId, messageName, correlationKeyValue: null });
    const lastWait = ended && { status: ended.status as ShadowEnd, closed_at: ended.closed_at! };
    const now = new Date();
    const reviewUntil = lastWait ? addIsoDuration(lastWait.closed_at, reviewWithin) : undefined;
    if (lastWait && !reviewUntil) throw new PermanentTaskError(`seam.reviewWithin "${reviewWithin}" is not an ISO 8601 duration`);
    const disposition: LateEventDisposition = !lastWait || now <= reviewUntil! ? 'REVIEW' : 'ARCHIVE';

    // A redelivered task finds the row it wrote and keeps the decision made then.
    const recorded = await insertLateEvent(deps.db, {
      processKey,
      businessKey,
      tenantId,
      messageName,
      sourceEventId,
      waitStatus: lastWait?.status ?? null,
      waitEndedAt: lastWait?.closed_at ?? null,
      disposition,
      policy: `review within ${reviewWithin} of the wait's end`,
      handledByProcessInstanceId: task.processInstanceId,
    });
    const final = recorded ?? disposition;
    deps.log.info(
      { event: 'late_event_recorded', processKey, messageName, businessKey, waitStatus: lastWait?.status ?? null, disposition: final },
      'late event recorded',
    );
    return complete({ lateDisposition: final });
  },
};
