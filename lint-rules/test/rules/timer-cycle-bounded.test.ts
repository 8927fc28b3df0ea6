import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('timer-cycle-bounded', loadRule('timer-cycle-bounded'), {
  valid: [
    { name: 'counted cycle, cron with end year, scheduled start', moddleElement: fixture('timer-cycle-bounded', 'valid') },
    // Camunda 7 leaves an intermediate catch event, and cancels the scope of an interrupting boundary
    // event or event sub-process start, on the first firing: the cycle never repeats there.
    { name: 'cycles that fire once', moddleElement: fixture('timer-cycle-bounded', 'valid-fires-once') },
  ],
  invalid: [
    {
      name: 'ISO cycle without count and cron without end',
      moddleElement: fixture('timer-cycle-bounded', 'invalid'),
      report: [
        {
          id: 'Reminder',
          message:
            'Boundary event "Remind reviewer" repeats forever (a repeating interval without a count: "R/PT1H"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition',
        },
        {
          id: 'Poll',
          message:
            'Boundary event Poll repeats forever (a cron expression without an end year: "0 0/5 * * * ?"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition',
        },
      ],
    },
    {
      name: 'non-interrupting event sub-process start without a count',
      moddleElement: fixture('timer-cycle-bounded', 'invalid-event-subprocess'),
      report: {
        id: 'Hourly',
        message:
          'Start event "Every hour" repeats forever (a repeating interval without a count: "R/PT1H"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition',
      },
    },
    {
      name: 'scheduled start when allowScheduledStart is false',
      moddleElement: fixture('timer-cycle-bounded', 'valid'),
      config: { allowScheduledStart: false },
      report: {
        id: 'NightlyStart',
        message:
          'Start event "Every night" repeats forever (a cron expression without an end year: "0 0 2 * * ?"); give it a count such as R3/PT24H, or an end, and decide what happens after the last repetition',
      },
    },
  ],
});
