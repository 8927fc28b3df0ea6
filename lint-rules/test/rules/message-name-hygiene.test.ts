import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('message-name-hygiene', loadRule('message-name-hygiene'), {
  valid: [
    { moddleElement: fixture('message-name-hygiene', 'valid') },
    { name: 'business words that look like noise, a Message_ prefix', moddleElement: fixture('message-name-hygiene', 'valid-business-words') },
  ],
  invalid: [
    {
      name: 'generic name',
      moddleElement: fixture('message-name-hygiene', 'invalid-generic'),
      report: {
        id: 'WaitCallback',
        message:
          'Intermediate catch event "Wait for callback" uses message name "Callback", which is generic; say which business event it is, e.g. EvidenceProviderResponseReceived',
      },
    },
    {
      name: 'generated name',
      moddleElement: fixture('message-name-hygiene', 'invalid-generated'),
      report: {
        id: 'WaitSomething',
        message:
          'Receive task WaitSomething uses message name "Message_0abc123", which is the name the editor generated; name the business event, e.g. PaymentAuthorizationCompleted',
      },
    },
    {
      name: 'environment, version and transport noise, on every user and on unused messages',
      moddleElement: fixture('message-name-hygiene', 'invalid-noise'),
      report: [
        {
          id: 'WaitPayment',
          message:
            'Receive task "Wait for payment" uses message name "dev_payment_response_v2_new_final", which carries environment or version noise (dev, v2, new, final); version the payload contract instead',
        },
        {
          id: 'AskAgain',
          message:
            'Send task "Ask again" uses message name "dev_payment_response_v2_new_final", which carries environment or version noise (dev, v2, new, final); version the payload contract instead',
        },
        {
          id: 'Message_Unused',
          message: 'Message "PaymentKafkaUpdate", which no element uses yet, names a transport (kafka); name the business event, not how it travels',
        },
      ],
    },
    {
      name: 'configured noise words',
      moddleElement: fixture('message-name-hygiene', 'valid-business-words'),
      config: { noiseWords: ['message'] },
      report: {
        id: 'WaitDocument',
        message:
          'Receive task "Wait for document" uses message name "Message_DocumentRequested", which carries environment or version noise (message); version the payload contract instead',
      },
    },
    {
      name: 'configured generic names',
      moddleElement: fixture('message-name-hygiene', 'valid'),
      config: { genericNames: ['ExternalRiskAssessmentCompleted'] },
      report: {
        id: 'WaitRisk',
        message:
          'Receive task "Wait for risk assessment" uses message name "ExternalRiskAssessmentCompleted", which is generic; say which business event it is, e.g. EvidenceProviderResponseReceived',
      },
    },
  ],
});
