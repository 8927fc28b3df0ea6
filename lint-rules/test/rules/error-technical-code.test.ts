import { verify, loadRule, fixture } from './rule-test-support.ts';

const advice = 'which reads like a technical failure; let the job fail and retry into an incident, and keep BPMN errors for business outcomes';

verify('error-technical-code', loadRule('error-technical-code'), {
  valid: [{ name: 'business error code', moddleElement: fixture('error-technical-code', 'valid') }],
  invalid: [
    {
      name: 'timeout, HTTP 5xx and database codes',
      moddleElement: fixture('error-technical-code', 'invalid'),
      report: [
        { id: 'ApiTimeout', message: `Boundary event "API timed out" uses BPMN error "API_TIMEOUT", ${advice}` },
        { id: 'ServerError', message: `Boundary event "Server error" uses BPMN error "HTTP_503", ${advice}` },
        { id: 'Error_Db', message: `Error "Database down" uses BPMN error "DB_DOWN", ${advice}` },
      ],
    },
  ],
});
