import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('timer-reminder-cap', loadRule('timer-reminder-cap'), {
  valid: [{ name: 'small cap; interrupting timers are not reminders', moddleElement: fixture('timer-reminder-cap', 'valid') }],
  invalid: [
    {
      moddleElement: fixture('timer-reminder-cap', 'invalid'),
      report: [
        {
          id: 'Reminder',
          message:
            'Boundary event "Remind reviewer" is a repeating reminder that fires 50 times (cycle "R50/PT1H"); cap it at 10 or fewer and escalate after the last one',
        },
        {
          id: 'ConfiguredReminder',
          message:
            'Start event "Configured reminder" is a repeating reminder whose cycle "${reminderCycle}" is an expression, so its cap cannot be checked; write the count in the model (e.g. R3/${reminderInterval})',
        },
      ],
    },
    {
      name: 'a raised cap still cannot read an expression',
      moddleElement: fixture('timer-reminder-cap', 'invalid'),
      config: { maxRepetitions: 60 },
      report: {
        id: 'ConfiguredReminder',
        message:
          'Start event "Configured reminder" is a repeating reminder whose cycle "${reminderCycle}" is an expression, so its cap cannot be checked; write the count in the model (e.g. R3/${reminderInterval})',
      },
    },
  ],
});
