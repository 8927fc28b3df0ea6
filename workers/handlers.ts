import type { TaskHandler } from './runtime/task-handler.ts';
import { openShadow } from './shadow/open-shadow.ts';
import { closeShadow, expireShadow } from './shadow/end-shadow.ts';
import { recordLateEvent } from './late-event/record-late-event.ts';

/** The generic handlers every Seam deployment runs: shadow hooks and the late-event path. */
export const seamHandlers: TaskHandler[] = [openShadow, closeShadow, expireShadow, recordLateEvent];
