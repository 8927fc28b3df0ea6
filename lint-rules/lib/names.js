'use strict';

const { isExpression } = require('./timer-values');

/** Names that say something happened but not what: a producer cannot be matched to them. */
const GENERIC_NAMES = [
  'callback',
  'update',
  'updated',
  'done',
  'response',
  'responsereceived',
  'request',
  'reply',
  'result',
  'event',
  'message',
  'msg',
  'notification',
  'notify',
  'trigger',
  'status',
  'statuschanged',
  'completed',
  'received',
  'data',
  'ack',
  'signal',
  'continue',
  'next',
];

/** Words that describe an environment, a version or an editing history, not an event type. */
const NOISE_WORDS = ['dev', 'test', 'tst', 'qa', 'uat', 'stage', 'staging', 'prod', 'local', 'tmp', 'temp', 'new', 'old', 'final', 'copy', 'draft', 'backup'];

/** Words that describe a transport, not an event type. */
const TRANSPORT_WORDS = ['kafka', 'http', 'https', 'rest', 'webhook', 'topic', 'queue', 'jms', 'mq', 'sqs', 'amqp', 'grpc'];

/**
 * What bpmn-js gives a new message as id and name: the type, an underscore and seven random
 * lower-case base-36 characters (`Message_0abc123`). `Message_DocumentRequested` is a name.
 */
const GENERATED_NAME = /^(Message|Signal|Error|Escalation)_(?=[0-9a-z]*[0-9])[0-9a-z]{7}$/;
const VERSION_WORD = /^v\d+$/i;
const CONVENTIONAL_PREFIX = /^(msg|message|sig|signal|evt|event)[_\-. ]+/i;

/**
 * Splits `dev_payment_response_v2`, `PaymentV2Received` and `payment-received` into words.
 * @param {string} name
 */
function wordsOf(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/**
 * The tokens of a name separated by `_`, `-`, `.` or spaces: `dev_payment_response_v2` →
 * dev, payment, response, v2. CamelCase is not split, so `NewProductCancelled` is one token.
 * @param {string} name
 */
function tokensOf(name) {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/**
 * Leading and trailing tokens that are noise: the environment prefix and the version or editing
 * suffix (`dev_…`, `…_v2_new_final`). A noise word inside the name is part of it
 * (`invoice_new_customer`), and camelCase words are never noise (`newInvoiceMessage`, `TestDriveBooked`).
 * @param {string[]} tokens @param {(token: string) => boolean} isNoise
 */
function edgeNoise(tokens, isNoise) {
  if (tokens.length < 2) return [];
  let start = 0;
  while (start < tokens.length - 1 && isNoise(tokens[start])) start += 1;
  let end = tokens.length;
  while (end > start + 1 && isNoise(tokens[end - 1])) end -= 1;
  return [...tokens.slice(0, start), ...tokens.slice(end)];
}

/**
 * Problems of an event name as a modeler reads them, e.g. `is generic: ...`.
 * @param {string} name
 * @param {{ genericNames?: string[], noiseWords?: string[], transportWords?: string[] }} [options]
 * @returns {string[]}
 */
function nameProblems(name, options = {}) {
  const generic = new Set((options.genericNames || GENERIC_NAMES).map((n) => n.toLowerCase()));
  const noise = new Set((options.noiseWords || NOISE_WORDS).map((n) => n.toLowerCase()));
  const transport = new Set((options.transportWords || TRANSPORT_WORDS).map((n) => n.toLowerCase()));

  if (isExpression(name)) {
    return ['is built from process data; the name must be a fixed event type and the data belongs in correlation keys'];
  }
  if (GENERATED_NAME.test(name)) {
    return ['is the name the editor generated; name the business event, e.g. PaymentAuthorizationCompleted'];
  }
  const problems = [];
  const core = name.replace(CONVENTIONAL_PREFIX, '');
  if (generic.has(core.replace(/[^A-Za-z0-9]/g, '').toLowerCase())) {
    problems.push('is generic; say which business event it is, e.g. EvidenceProviderResponseReceived');
  }
  const words = wordsOf(name).map((word) => word.toLowerCase());
  const isNoise = (/** @type {string} */ token) => noise.has(token.toLowerCase()) || VERSION_WORD.test(token);
  const noisy = [...edgeNoise(tokensOf(name), isNoise), ...words.filter((word) => VERSION_WORD.test(word))].map((word) => word.toLowerCase());
  if (noisy.length > 0) {
    problems.push(`carries environment or version noise (${unique(noisy).join(', ')}); version the payload contract instead`);
  }
  const transports = words.filter((word) => transport.has(word));
  if (transports.length > 0) {
    problems.push(`names a transport (${unique(transports).join(', ')}); name the business event, not how it travels`);
  }
  return problems;
}

/** @param {string[]} items */
function unique(items) {
  return [...new Set(items)];
}

module.exports = { nameProblems, wordsOf, tokensOf, GENERIC_NAMES, NOISE_WORDS, TRANSPORT_WORDS };
