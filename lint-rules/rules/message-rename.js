'use strict';

const { describe, capitalize } = require('../lib/model');
const { versionRule } = require('../lib/version-rule');

/**
 * Producers address a wait by its message (or signal) name. Compared with the previous version of
 * the process (`baselines`, keyed by process key, each an event summary), reports a message or
 * signal that the previous version waited for (intermediate catch, boundary, receive task,
 * message start) and that the new version no longer waits for under that name: the element kept
 * its id and now waits for another name, or the message element itself was renamed. Waits listed
 * in `retired` (by element id or name, after they were drained) are not reported.
 *
 * @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]> }} [config]
 */
module.exports = versionRule('message-rename', (change, processKey, byId, report) => {
  const previous = /** @type {import('../lib/event-summary').SummaryEvent} */ (change.previous);
  for (const current of change.current) {
    const node = byId.get(current.elementId);
    const element = node ? capitalize(describe(node)) : `Element ${current.elementId}`;
    const how =
      change.via === 'element'
        ? `the previous version of process ${processKey} waited here for ${previous.kind} "${previous.name}"`
        : `its ${previous.kind} element ${previous.refId} was named "${previous.name}" in the previous version of process ${processKey}`;
    report(
      current.elementId,
      `${element} now waits for ${current.kind} "${current.name}", but ${how}; producers still send "${previous.name}" and instances of the previous version still wait for it: keep the name, or retire the old wait in compatibility.yaml once it is drained`,
    );
  }
});
