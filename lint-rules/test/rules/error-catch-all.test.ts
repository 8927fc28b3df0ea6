import { verify, loadRule, fixture } from './rule-test-support.ts';

verify('error-catch-all', loadRule('error-catch-all'), {
  valid: [{ name: 'boundary with a coded error', moddleElement: fixture('error-catch-all', 'valid') }],
  invalid: [
    {
      name: 'no error reference, and an error without code',
      moddleElement: fixture('error-catch-all', 'invalid'),
      report: [
        {
          id: 'AnyError',
          message: 'Boundary event "Something failed" catches every BPMN error because it references none; reference the one business error it handles',
        },
        {
          id: 'CodelessError',
          message: 'Start event "Codeless error" references error "Some error" without an error code, so it catches every BPMN error; give the error its code',
        },
      ],
    },
  ],
});
