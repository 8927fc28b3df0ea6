import { verify, loadRule, fixture } from './rule-test-support.ts';

const advice = 'follow it with a user task assigned to a person or group, or a task with property seam.owner';

verify('escalation-owner', loadRule('escalation-owner'), {
  valid: [{ name: 'candidate group and seam.owner after a gateway', moddleElement: fixture('escalation-owner', 'valid') }],
  invalid: [
    {
      name: 'unassigned user task, and an end event',
      moddleElement: fixture('escalation-owner', 'invalid'),
      report: [
        {
          id: 'DelayNoticed',
          message: `Boundary event "Delay noticed" catches an escalation but no owner acts on it (the path reaches user task "Someone looks" first); ${advice}`,
        },
        {
          id: 'AnyEscalation',
          message: `Start event "Any escalation" catches an escalation but no owner acts on it (the path reaches end event Ignored first); ${advice}`,
        },
      ],
    },
  ],
});
