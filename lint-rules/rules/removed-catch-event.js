'use strict';

const { versionRule } = require('../lib/version-rule');

/**
 * Instances of the previous version may still wait at a catch event that the new version removed,
 * and migrating them needs somewhere to go. Compared with the previous version (`baselines`),
 * reports a message, signal or timer catch or boundary event, receive task or event sub-process
 * start that is gone or became something else, unless `retired` lists it (by element id or
 * message/signal name) with the date it was drained.
 *
 * @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]> }} [config]
 */
module.exports = versionRule('removed-catch-event', ['removed'], (change, processKey, byId, report) => {
  const previous = change.previous;
  const label = previous.elementName ? `"${previous.elementName}" (${previous.elementId})` : previous.elementId;
  const what = previous.kind === 'timer' ? 'timer' : `${previous.kind} "${previous.name}"`;
  const type = previous.elementType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const now = change.replacedBy ? ` (${previous.elementId} is now a ${change.replacedBy.kind} ${change.replacedBy.role} event)` : '';
  report(
    processKey,
    `Process ${processKey} no longer has the ${type} ${label} that waited for ${what} in the previous version${now}; instances waiting there cannot migrate: keep it until they are drained, then list it as retired in compatibility.yaml with drainedAt`,
  );
});
