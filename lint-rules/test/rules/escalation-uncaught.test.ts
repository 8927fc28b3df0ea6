import { verify, loadRule, fixture } from './rule-test-support.ts';

const advice =
  "that nothing catches; add an escalation boundary event on the enclosing sub-process or an escalation event sub-process, or record the calling process's catch in the event contract (caughtBy: processKey:ElementId)";

verify('escalation-uncaught', loadRule('escalation-uncaught'), {
  valid: [
    { name: 'caught by boundary and by a catch-all event sub-process', moddleElement: fixture('escalation-uncaught', 'valid') },
    // Camunda 7 propagates an escalation leaving a called process to the calling call activity.
    { name: 'a callable process: the escalation goes up to its caller', moddleElement: fixture('escalation-uncaught', 'invalid') },
    {
      name: 'caught by a call activity in the same file',
      moddleElement: fixture('escalation-uncaught', 'valid-caller-in-file'),
      config: { callers: 'contract' },
    },
    {
      name: 'caught by the calling process, as the contract says',
      moddleElement: fixture('escalation-uncaught', 'invalid'),
      config: {
        callers: 'contract',
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
      name: 'wrong code on the boundary, no caller in the contract',
      moddleElement: fixture('escalation-uncaught', 'invalid'),
      config: { callers: 'contract' },
      report: [
        { id: 'DelayRisk', message: `Intermediate throw event "Review delay risk" throws escalation "REVIEW_DELAY_RISK" ${advice}` },
        { id: 'RaiseToParent', message: `End event "Raise to parent" throws escalation "NEEDS_PARENT" ${advice}` },
      ],
    },
    {
      name: 'a process no call activity can start',
      moddleElement: fixture('escalation-uncaught', 'invalid-not-callable'),
      report: {
        id: 'NeedsSupervisor',
        message:
          'End event "Needs supervisor" throws escalation "NEEDS_SUPERVISOR" that nothing catches; add an escalation boundary event on the enclosing sub-process or an escalation event sub-process; no call activity can catch it, since the process has no none start event to be called at',
      },
    },
  ],
});
