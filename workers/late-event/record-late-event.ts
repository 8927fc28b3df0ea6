import { addIsoDuration } from '../../platform/time/iso-duration.ts';
import { complete, PermanentTaskError, requireBusinessKey, requireProperty, type TaskHandler } from '../runtime/task-handler.ts';

/** How long after its wait ended a late event still goes to a person; after that it is archived. */
export const DEFAULT_REVIEW_WITHIN = 'P30D';

type Disposition = 'REVIEW' | 'ARCHIVE';

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

    const { rows } = await deps.db.query<{ status: 'CLOSED' | 'EXPIRED'; closed_at: Date }>(
      `select status, closed_at from integration.process_wait_subscription
        where process_key = $1 and business_key = $2 and message_name = $3 and status in ('CLOSED', 'EXPIRED')
        order by closed_at desc limit 1`,
      [processKey, businessKey, messageName],
    );
    const lastWait = rows[0];
    const now = new Date();
    const reviewUntil = lastWait ? addIsoDuration(lastWait.closed_at, reviewWithin) : undefined;
    if (lastWait && !reviewUntil) throw new PermanentTaskError(`seam.reviewWithin "${reviewWithin}" is not an ISO 8601 duration`);
    const disposition: Disposition = !lastWait || now <= reviewUntil! ? 'REVIEW' : 'ARCHIVE';

    // A redelivered task finds the row it wrote and keeps the decision made then.
    const { rows: recorded } = await deps.db.query<{ disposition: Disposition }>(
      `with inserted as (
         insert into integration.late_event (process_key, business_key, message_name, source_event_id, wait_status, wait_ended_at, disposition, policy, handled_by_process_instance_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (process_key, message_name, source_event_id) do nothing
         returning disposition)
       select disposition from inserted
       union all
       select disposition from integration.late_event where process_key = $1 and message_name = $3 and source_event_id = $4
       limit 1`,
      [
        processKey,
        businessKey,
        messageName,
        sourceEventId,
        lastWait?.status ?? null,
        lastWait?.closed_at ?? null,
        disposition,
        `review within ${reviewWithin} of the wait's end`,
        task.processInstanceId,
      ],
    );
    const final = recorded[0]?.disposition ?? disposition;
    deps.log.info(
      { event: 'late_event_recorded', processKey, messageName, businessKey, waitStatus: lastWait?.status ?? null, disposition: final },
      'late event recorded',
    );
    return complete({ lateDisposition: final });
  },
};
