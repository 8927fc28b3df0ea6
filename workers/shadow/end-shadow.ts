import { complete, requireProperty, type TaskHandler } from '../runtime/task-handler.ts';
import { endLiveWait, type WaitEnd } from '../../ledger/shadows/end-live-wait.ts';
import { SHADOW_TOPICS } from './topics.ts';
import type { ShadowCloseReason } from '../../ledger/states.ts';

function endShadowHandler(topic: string, end: WaitEnd, reason: ShadowCloseReason): TaskHandler {
  return {
    topic,
    variables: [],
    async handle(task, deps) {
      const messageName = requireProperty(task, 'seam.message');
      const ended = await endLiveWait(deps.db, task.processInstanceId, messageName, end, reason);
      // Zero rows is normal: the bridge closes the row itself when it correlates.
      deps.log.info(
        {
          event: end === 'CLOSED' ? 'shadow_closed' : 'shadow_expired',
          processInstanceId: task.processInstanceId,
          messageName,
          hookActivityId: task.activityId,
          rows: ended,
        },
        `wait ${end.toLowerCase()}`,
      );
      return complete();
    },
  };
}

/** `seam-shadow-close`: the message arrived; the wait is over. */
export const closeShadow = endShadowHandler(SHADOW_TOPICS.close, 'CLOSED', 'MESSAGE_RECEIVED');

/** `seam-shadow-expire`: a timer or another path cancelled the wait; later events follow the late policy. */
export const expireShadow = endShadowHandler(SHADOW_TOPICS.expire, 'EXPIRED', 'WAIT_CANCELLED');
