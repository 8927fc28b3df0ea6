import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('shadow-close', loadRule('shadow-close'), {
  valid: [{ name: 'every wait closes its shadow', moddleElement: fixture('shadow-close', 'valid') }],
  invalid: [
    {
      moddleElement: fixture('shadow-close', 'invalid'),
      report: {
        id: 'WaitEvidence',
        message:
          'Receive task "Wait for evidence" receives message "MSG_EVIDENCE_SUBMITTED" but its path out does not pass a seam-shadow-close task for "MSG_EVIDENCE_SUBMITTED"; user task "Assess" comes first',
      },
    },
  ],
});
