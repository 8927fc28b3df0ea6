'use strict';

const { versionRule } = require('../lib/version-rule');

const RETIRE = 'keep it until they are drained, then list it as retired in compatibility.yaml with drainedAt';

/**
 * Instances of the previous version may still wait at a catch event that the new version removed,
 * and migrating them needs somewhere to go; producers and workers may still address what it
 * caught. Compared with the previous version (`baselines`), reports, unless `retired` lists it
 * (by element id or message/signal name) with the date it was drained:
 * - a message, signal or timer catch or boundary event, receive task or event sub-process start
 *   that is gone or became something else;
 * - a message or signal start event whose name no start event of the new version has;
 * - an error or escalation catch that is gone or catches another code (workers throw BPMN errors
 *   by code: the old code is no longer caught there).
 *
 * @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]>, keepSuppressed?: boolean }} [config]
 */
module.exports = versionRule('removed-catch-event', (change, processKey, byId, report) => {
  const previous = /** @type {import('../lib/version-diff').VersionChange['previous'] & {}} */ (change.previous);
  const label = previous.elementName ? `"${previous.elementName}" (${previous.elementId})` : previous.elementId;
  const type = previous.elementType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const what = previous.kind === 'timer' ? 'timer' : `${previous.kind} "${previous.name}"`;

  if (change.type === 'renamed') {
    report(
      change.elementId,
      `The ${type} ${label} of process ${processKey} catches ${change.kind} "${change.name}", but caught ${what} in the previous version; whoever throws "${previous.name}" is no longer caught here: keep the code, or retire it in compatibility.yaml once nothing throws it`,
    );
  } else if (previous.startsProcess) {
    report(
      processKey,
      `Process ${processKey} no longer has the ${type} ${label} that started it on ${what}; producers that send "${previous.name}" no longer start it: keep a start event for it, or retire it in compatibility.yaml once no producer sends it`,
    );
  } else if (previous.kind === 'error' || previous.kind === 'escalation') {
    report(
      processKey,
      `Process ${processKey} no longer has the ${type} ${label} that caught ${what} in the previous version; whoever throws it is no longer caught there: ${RETIRE}`,
    );
  } else {
    const now = change.replacedBy ? ` (${previous.elementId} is now a ${change.replacedBy.kind} ${change.replacedBy.role} event)` : '';
    report(
      processKey,
      `Process ${processKey} no longer has the ${type} ${label} that waited for ${what} in the previous version${now}; instances waiting there cannot migrate: ${RETIRE}`,
    );
  }
});
