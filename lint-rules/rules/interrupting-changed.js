'use strict';

const { describe, capitalize } = require('../lib/model');
const { versionRule } = require('../lib/version-rule');

/**
 * A boundary event or event sub-process start that kept its id but switched between
 * interrupting and non-interrupting changes what a message, timer or escalation does to the work
 * it is attached to: producers and operators who relied on one behaviour get the other. Compared
 * with the previous version (`baselines`), reports such flips, unless `retired` lists the event.
 *
 * @param {{ baselines?: Record<string, any>, retired?: Record<string, any[]>, keepSuppressed?: boolean }} [config]
 */
module.exports = versionRule('interrupting-changed', (change, processKey, byId, report) => {
  const node = byId.get(change.elementId);
  const element = node ? capitalize(describe(node)) : `Element ${change.elementId}`;
  const interrupting = Boolean(change.current[0] && change.current[0].interrupting);
  const was = interrupting ? 'non-interrupting' : 'interrupting';
  const now = interrupting ? 'interrupting: it now cancels the work it is attached to' : 'non-interrupting: it now leaves the work running';
  report(
    change.elementId,
    `${element} was ${was} in the previous version of process ${processKey} and is ${now}; give the new behaviour a new event (and id) and retire the old one once drained`,
  );
});
