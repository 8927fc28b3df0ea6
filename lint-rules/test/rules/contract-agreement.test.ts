import { verify, loadRule, fixture } from './rule-test-support.ts';

const matchingContract = {
  processKey: 'evidenceCase',
  events: [
    { kind: 'message', name: 'MSG_EVIDENCE_SUBMITTED', caughtBy: ['WaitEvidence'] },
    { kind: 'timer', name: 'EvidenceSubmissionDeadline', caughtBy: ['EvidenceDeadline'] },
    { kind: 'signal', name: 'RegulatoryPolicyChanged', broadcast: true, emitters: ['policyAdmin'], caughtBy: ['PolicyChanged'] },
    { kind: 'error', name: 'INVALID_DOCUMENT', caughtBy: ['InvalidDocument'] },
    { kind: 'escalation', name: 'REVIEW_DELAY_RISK', thrownBy: ['RaiseDelay'], caughtBy: ['parentCase:CallEvidence'] },
  ],
};

const driftedContract = {
  processKey: 'evidenceCase',
  events: [
    { kind: 'message', name: 'MSG_EVIDENCE_SUBMITTED', caughtBy: ['WaitForEvidence'] },
    { kind: 'timer', name: 'EvidenceSubmissionDeadline', caughtBy: ['EvidenceDeadline'] },
    { kind: 'signal', name: 'OperationalFreeze', broadcast: true, emitters: ['platformAdmin'] },
    { kind: 'error', name: 'INVALID_DOCUMENT' },
    { kind: 'escalation', name: 'REVIEW_DELAY_RISK' },
  ],
};

verify('contract-agreement', loadRule('contract-agreement'), {
  valid: [
    { name: 'model and contract agree', moddleElement: fixture('contract-agreement', 'model'), config: { contracts: { evidenceCase: matchingContract } } },
    { name: 'no contract and none required', moddleElement: fixture('contract-agreement', 'model') },
  ],
  invalid: [
    {
      name: 'model and contract drifted apart',
      moddleElement: fixture('contract-agreement', 'model'),
      config: { contracts: { evidenceCase: driftedContract } },
      report: [
        {
          id: 'PolicyChanged',
          message:
            'Boundary event "Policy changed" catches signal "RegulatoryPolicyChanged", which the event contract of process evidenceCase does not list; add it to contract.yaml with its correlation, owner and late policy',
        },
        {
          id: 'evidenceCase',
          message: 'The event contract of process evidenceCase says WaitForEvidence catches message "MSG_EVIDENCE_SUBMITTED", but in the model it does not',
        },
        {
          id: 'evidenceCase',
          message:
            'The event contract of process evidenceCase lists signal "OperationalFreeze", but the model neither catches nor throws it; remove it from the contract or model it',
        },
      ],
    },
    {
      name: 'missing contract when required',
      moddleElement: fixture('contract-agreement', 'model'),
      config: { requireContract: true },
      report: {
        id: 'evidenceCase',
        message: 'Process evidenceCase has no event contract; write processes/evidenceCase/contract.yaml listing the events it waits for and throws',
      },
    },
  ],
});
