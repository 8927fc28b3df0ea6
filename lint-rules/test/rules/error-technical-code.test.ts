import { verify, loadRule, fixture } from './rule-test-support.ts';

const advice = 'which reads like a technical failure; let the job fail and retry into an incident, and keep BPMN errors for business outcomes';

verify('error-technical-code', loadRule('error-technical-code'), {
  valid: [
    { name: 'business error code', moddleElement: fixture('error-technical-code', 'valid') },
    // Camunda 7 maps a Java exception to a BPMN error when its class name is the error code.
    { name: 'error codes naming business exception classes', moddleElement: fixture('error-technical-code', 'valid-java-class') },
  ],
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
    {
      name: 'a Java class name that names a technical failure',
      moddleElement: fixture('error-technical-code', 'invalid-java-class'),
      report: { id: 'BureauTimeout', message: `Boundary event "Bureau timed out" uses BPMN error "java.net.SocketTimeoutException", ${advice}` },
    },
    {
      name: 'configured patterns',
      moddleElement: fixture('error-technical-code', 'valid-java-class'),
      config: { technicalPatterns: ['LIMIT'] },
      report: { id: 'LimitExceeded', message: `Boundary event "Limit exceeded" uses BPMN error "com.example.credit.CreditLimitExceededException", ${advice}` },
    },
  ],
});
