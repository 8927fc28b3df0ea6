import { verify, loadRule, fixture } from './rule-test-support.ts';

const contracts = {
  Process_1: { processKey: 'Process_1', events: [{ kind: 'signal', name: 'RegulatoryPolicyChanged', broadcast: true, emitters: ['policyAdmin'] }] },
  policyAdmin: { processKey: 'policyAdmin', events: [{ kind: 'signal', name: 'RegulatoryPolicyChanged', broadcast: true, emitters: ['policyAdmin'] }] },
  orderProcess: { processKey: 'orderProcess', events: [{ kind: 'signal', name: 'OperationalFreeze', broadcast: true, emitters: ['platformAdmin'] }] },
};

verify('signal-misuse', loadRule('signal-misuse'), {
  valid: [
    { name: 'declared broadcast catch', moddleElement: fixture('signal-misuse', 'valid-broadcast-declared'), config: { contracts } },
    { name: 'declared emitter throws', moddleElement: fixture('signal-misuse', 'valid-declared-emitter'), config: { contracts } },
    { name: 'no contract given: only names are checked', moddleElement: fixture('signal-misuse', 'valid-broadcast-declared') },
  ],
  invalid: [
    {
      name: 'callback-like signal name',
      moddleElement: fixture('signal-misuse', 'invalid-targeted-name'),
      report: {
        id: 'WaitPayment',
        message:
          'Intermediate catch event "Wait for payment" waits for signal "PaymentReceived", which reads like a callback for one case (…Received); every waiting instance would continue, so use a message',
      },
    },
    {
      name: 'signal not declared as broadcast',
      moddleElement: fixture('signal-misuse', 'invalid-not-broadcast'),
      config: {
        contracts: { Process_1: { processKey: 'Process_1', events: [{ kind: 'signal', name: 'OperationalFreeze', broadcast: false, emitters: [] }] } },
      },
      report: {
        id: 'WaitFreeze',
        message:
          'Intermediate catch event "Wait for freeze" waits for signal "OperationalFreeze", which the event contract of process Process_1 does not declare as a broadcast; declare it with broadcast: true or use a message',
      },
    },
    {
      name: 'thrown by a process that is not a declared emitter',
      moddleElement: fixture('signal-misuse', 'invalid-undeclared-emitter'),
      config: { contracts },
      report: {
        id: 'AnnounceFreeze',
        message:
          'Intermediate throw event "Announce freeze" throws signal "OperationalFreeze", but process orderProcess is not a declared emitter in its event contract; list it under emitters or send a message',
      },
    },
    {
      name: 'signal name built from business data',
      moddleElement: fixture('signal-misuse', 'invalid-business-data'),
      report: {
        id: 'NotifyOrder',
        message:
          'Intermediate throw event "Notify order" uses signal name "OrderChanged-${orderId}" built from business data; a signal reaches every instance, so address one case with a message and correlation keys',
      },
    },
  ],
});
