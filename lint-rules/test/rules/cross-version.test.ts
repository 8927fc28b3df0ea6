import { verify, loadRule, fixture, baselineOf } from './rule-test-support.ts';

// The previous version of process claimCase; each v2 fixture changes one thing about its waits.
const baselines = await baselineOf('versions', 'v1');
const previous = (name: string) => fixture('versions', name);

verify('message-rename', loadRule('message-rename'), {
  valid: [
    { name: 'same waits plus a new one', moddleElement: previous('v2-unchanged-waits'), config: { baselines } },
    { name: 'no baseline', moddleElement: previous('v2-message-changed') },
    {
      name: 'old message retired after draining',
      moddleElement: previous('v2-message-changed'),
      config: { baselines, retired: { claimCase: [{ message: 'PaymentConfirmed', drainedAt: '2026-01-15' }] } },
    },
  ],
  invalid: [
    {
      name: 'element kept its id and waits for another message',
      moddleElement: previous('v2-message-changed'),
      config: { baselines },
      report: {
        id: 'WaitPayment',
        message:
          'Intermediate catch event "Payment confirmed" now waits for message "PaymentSettled", but the previous version of process claimCase waited here for message "PaymentConfirmed"; producers still send "PaymentConfirmed" and instances of the previous version still wait for it: keep the name, or retire the old wait in compatibility.yaml once it is drained',
      },
    },
    {
      name: 'the message element was renamed (and the wait got a new id)',
      moddleElement: previous('v2-message-element-renamed'),
      config: { baselines },
      report: {
        id: 'WaitForPayment',
        message:
          'Intermediate catch event "Payment confirmed" now waits for message "PaymentReceivedFromBank", but its message element Message_Payment was named "PaymentConfirmed" in the previous version of process claimCase; producers still send "PaymentConfirmed" and instances of the previous version still wait for it: keep the name, or retire the old wait in compatibility.yaml once it is drained',
      },
    },
  ],
});

const removedAdvice = 'instances waiting there cannot migrate: keep it until they are drained, then list it as retired in compatibility.yaml with drainedAt';

verify('removed-catch-event', loadRule('removed-catch-event'), {
  valid: [
    { name: 'same waits plus a new one', moddleElement: previous('v2-unchanged-waits'), config: { baselines } },
    {
      name: 'removed waits are retired',
      moddleElement: previous('v2-catches-removed'),
      config: {
        baselines,
        retired: {
          claimCase: [
            { elementId: 'EvidenceDeadline', drainedAt: '2026-01-15' },
            { message: 'PaymentConfirmed', drainedAt: '2026-01-15' },
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'timer boundary and message catch removed',
      moddleElement: previous('v2-catches-removed'),
      config: { baselines },
      report: [
        {
          id: 'claimCase',
          message: `Process claimCase no longer has the boundary event "Evidence deadline" (EvidenceDeadline) that waited for timer in the previous version; ${removedAdvice}`,
        },
        {
          id: 'claimCase',
          message: `Process claimCase no longer has the intermediate catch event "Payment confirmed" (WaitPayment) that waited for message "PaymentConfirmed" in the previous version; ${removedAdvice}`,
        },
      ],
    },
  ],
});

verify('renamed-wait-id', loadRule('renamed-wait-id'), {
  valid: [{ name: 'ids kept', moddleElement: previous('v2-message-changed'), config: { baselines } }],
  invalid: [
    {
      name: 'receive task and its timer under new ids',
      moddleElement: previous('v2-wait-ids-renamed'),
      config: { baselines },
      report: [
        {
          id: 'AwaitEvidence',
          message:
            'Receive task "Wait for evidence" waits for message "EvidenceSubmitted" like WaitEvidence did in the previous version of process claimCase, but under a new id; the engine reads this as removing WaitEvidence and adding AwaitEvidence, so give it back the id WaitEvidence',
        },
        {
          id: 'EvidenceDue',
          message:
            'Boundary event "Evidence deadline" waits for timer "P10D" like EvidenceDeadline did in the previous version of process claimCase, but under a new id; the engine reads this as removing EvidenceDeadline and adding EvidenceDue, so give it back the id EvidenceDeadline',
        },
      ],
    },
  ],
});
