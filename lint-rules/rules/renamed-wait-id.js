'use strict';

const { describe, capitalize } = require('../lib/model');
const { versionRule } = require('../lib/version-rule');

/**
 * Camunda maps waiting instances between versions by element id. The same wait under a new id is,
 * for the engine, a removal plus an addition: migration and history break although the diagram
 * looks unchanged. Compared with the previous version (`baselines`), reports waits whose element
 * id changed, naming the old id.
 *
 * @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]> }} [config]
 */
module.exports = versionRule('renamed-wait-id', (change, processKey, byId, report) => {
  const previous = /** @type {import('../lib/event-summary').SummaryEvent} */ (change.previous);
  const what =
    previous.kind === 'timer'
      ? `timer ${previous.timer && previous.timer.value ? `"${previous.timer.value}"` : ''}`.trim()
      : `${previous.kind} "${previous.name}"`;
  for (const current of change.current) {
    const node = byId.get(current.elementId);
    const element = node ? capitalize(describe(node)) : `Element ${current.elementId}`;
    report(
      current.elementId,
      `${element} waits for ${what} like ${previous.elementId} did in the previous version of process ${processKey}, but under a new id; the engine reads this as removing ${previous.elementId} and adding ${current.elementId}, so give it back the id ${previous.elementId}`,
    );
  }
});
