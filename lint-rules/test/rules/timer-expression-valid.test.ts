import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('timer-expression-valid', loadRule('timer-expression-valid'), {
  valid: [{ name: 'ISO values and expressions', moddleElement: fixture('timer-expression-valid', 'valid') }],
  invalid: [
    {
      name: 'free text and empty timers',
      moddleElement: fixture('timer-expression-valid', 'invalid'),
      report: [
        { id: 'Deadline', message: 'Boundary event "Deadline" has a duration "10 days" that is not an ISO 8601 duration such as P10D' },
        { id: 'LegalDate', message: 'Boundary event "Legal date" has a date "next Monday" that is not an ISO 8601 date-time' },
        {
          id: 'Reminder',
          message: 'Boundary event "Reminder" has a cycle "every day" that is neither an ISO 8601 repeating interval such as R3/PT24H nor a cron expression',
        },
        { id: 'Empty', message: 'Boundary event Empty has no timer value' },
      ],
    },
  ],
});
