import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('message-ref-required', loadRule('message-ref-required'), {
  // A receive task without a message is a wait state Camunda 7 continues through runtimeService.signal.
  valid: [{ name: 'named messages, and a receive task without a message', moddleElement: fixture('message-ref-required', 'valid') }],
  invalid: [
    {
      moddleElement: fixture('message-ref-required', 'invalid'),
      report: [
        {
          id: 'WaitAnything',
          message:
            'Intermediate catch event "Wait for anything" waits for a message but does not say which; select or create a message with a business event name',
        },
        {
          id: 'WaitUnnamed',
          message: 'Receive task WaitUnnamed waits for message Message_NoName, which has no name; producers correlate by name, so give it one',
        },
      ],
    },
  ],
});
