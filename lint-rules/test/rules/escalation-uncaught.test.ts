import { verify, loadRule, fixture } from './rule-test-support.ts';

const advice =
  "that nothing in its scope catches; add an escalation boundary event on the enclosing sub-process or an escalation event sub-process, or record the calling process's catch in the event contract (caughtBy: processKey:ElementId)";

verify('escalation-uncaught', loadRule('escalation-uncaught'), {
  valid: [
    { name: 'caught by boundary and by a catch-all event sub-process', moddleElement: fixture('escalation-uncaught', 'valid') },
    {
      name: 'caught by the calling process, as the contract says',
      moddleElement: fixture('escalation-uncaught', 'invalid'),
      config: {
        contracts: {
          childReview: {
            processKey: 'childReview',
            events: [
              { kind: 'escalation', name: 'REVIEW_DELAY_RISK', caughtBy: ['parentCase:CallReview'] },
              { kind: 'escalation', name: 'NEEDS_PARENT', caughtBy: ['parentCase:CallReview'] },
            ],
          },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'wrong code on the boundary, nothing above the process',
      moddleElement: fixture('escalation-uncaught', 'invalid'),
      report: [
        { id: 'DelayRisk', message: `Intermediate throw event "Review delay risk" throws escalation "REVIEW_DELAY_RISK" ${advice}` },
        { id: 'RaiseToParent', message: `End event "Raise to parent" throws escalation "NEEDS_PARENT" ${advice}` },
      ],
    },
  ],
});
