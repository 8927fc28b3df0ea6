import { createRequire } from 'node:module';
import path from 'node:path';
import { verify, loadRule, fixture } from './rule-test-support.ts';

const require = createRequire(import.meta.url);
const { readModdle } = require('bpmnlint/lib/testers/helper');
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const modeler = require('modeler-moddle/resources/modeler.json');

/** As the Desktop Modeler parses it: with the modeler package, the attributes are typed properties, not $attrs. */
const withModelerModdle = (name: string): Promise<unknown> =>
  readModdle(path.join(import.meta.dirname, 'fixtures', 'execution-platform', `${name}.bpmn`), { camunda, modeler });

verify('execution-platform', loadRule('execution-platform'), {
  valid: [
    { name: 'Camunda Platform 7.24.0 declared', moddleElement: fixture('execution-platform', 'valid') },
    { name: 'declared, read with the modeler moddle package (the Desktop Modeler)', moddleElement: withModelerModdle('valid') },
    { name: 'nothing executable, nothing deployed', moddleElement: fixture('execution-platform', 'valid-not-executable') },
  ],
  invalid: [
    {
      name: 'attributes missing',
      moddleElement: fixture('execution-platform', 'invalid-missing'),
      report: {
        id: 'Definitions_missing',
        message:
          'The model does not say it is for Camunda 7 (modeler:executionPlatform and modeler:executionPlatformVersion are missing), so the Camunda Modeler lints nothing in it; add xmlns:modeler="http://camunda.org/schema/modeler/1.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0" to bpmn:definitions',
      },
    },
    {
      name: 'Camunda 8, under another prefix',
      moddleElement: fixture('execution-platform', 'invalid-camunda-8'),
      report: {
        id: 'Definitions_c8',
        message: 'The model says it is for "Camunda Cloud", not "Camunda Platform" (Camunda 7); the Camunda Modeler checks it against the wrong engine',
      },
    },
    {
      name: 'a version that is not 7.x',
      moddleElement: fixture('execution-platform', 'invalid-version'),
      report: { id: 'Definitions_v', message: 'The model is for Camunda Platform 8.0.0, not a 7.x version; set modeler:executionPlatformVersion="7.24.0"' },
    },
  ],
});
