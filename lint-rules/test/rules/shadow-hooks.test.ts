import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('shadow-hooks', loadRule('shadow-hooks'), {
  valid: [
    { name: 'receive task with timer, event-based gateway with timer', moddleElement: fixture('shadow-hooks', 'valid') },
    {
      name: 'only targeted messages are checked',
      moddleElement: fixture('shadow-hooks', 'invalid'),
      config: { targetedMessages: ['MSG_NOT_IN_THIS_MODEL'] },
    },
  ],
  invalid: [
    {
      name: 'work between open and wait, a timer without expire, a boundary message without open',
      moddleElement: fixture('shadow-hooks', 'invalid'),
      report: [
        {
          id: 'WaitEvidence',
          message:
            'Receive task "Wait for evidence" waits for message "MSG_EVIDENCE_SUBMITTED" but a path into it does not pass a seam-shadow-open task for "MSG_EVIDENCE_SUBMITTED" right before it; user task "Prepare request" comes first',
        },
        {
          id: 'Objection',
          message:
            'Boundary event "Objection raised" waits for message "MSG_OBJECTION_RAISED" but a path into it (the path into user task "Assess") does not pass a seam-shadow-open task for "MSG_OBJECTION_RAISED" right before it; receive task "Wait for evidence" comes first',
        },
        {
          id: 'EvidenceDeadline',
          message:
            'Boundary event "Evidence deadline" cancels the wait for message "MSG_EVIDENCE_SUBMITTED" at receive task "Wait for evidence", but its path does not start with a seam-shadow-expire task for "MSG_EVIDENCE_SUBMITTED"; user task "Chase party" comes first',
        },
      ],
    },
    {
      name: 'custom topic names',
      moddleElement: fixture('shadow-hooks', 'valid'),
      config: { targetedMessages: ['MSG_EVIDENCE_SUBMITTED'], topics: { open: 'open-wait' } },
      report: {
        id: 'WaitEvidence',
        message:
          'Receive task "Wait for evidence" waits for message "MSG_EVIDENCE_SUBMITTED" but a path into it does not pass a open-wait task for "MSG_EVIDENCE_SUBMITTED" right before it; service task "open MSG_EVIDENCE_SUBMITTED" comes first',
      },
    },
  ],
});
