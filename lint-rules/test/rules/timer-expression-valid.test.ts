import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('timer-expression-valid', loadRule('timer-expression-valid'), {
  // A timeDate may be a duration: Camunda 7's DueDateBusinessCalendar reads "P..." as a period from now.
  valid: [{ name: 'ISO values, expressions and a duration as timeDate', moddleElement: fixture('timer-expression-valid', 'valid') }],
  invalid: [
    {
      name: 'free text and empty timers',
      moddleElement: fixture('timer-expression-valid', 'invalid'),
      report: [
        { id: 'Deadline', message: 'Boundary event "Deadline" has a duration "10 days" that is not an ISO 8601 duration such as P10D' },
        { id: 'LegalDate', message: 'Boundary event "Legal date" has a date "next Monday" that is neither an ISO 8601 date-time nor a duration' },
        {
          id: 'BadPeriod',
          message: 'Boundary event "Bad period" has a date "P3 days" that starts like a duration but is not an ISO 8601 duration such as P10D',
        },
        {
          id: 'Reminder',
          message: 'Boundary event "Reminder" has a cycle "every day" that is neither an ISO 8601 repeating interval such as R3/PT24H nor a cron expression',
        },
        { id: 'Empty', message: 'Boundary event Empty has no timer value' },
      ],
    },
  ],
});
