'use strict';

/**
 * Validation of Camunda 7 timer values: ISO 8601 dates, durations and repeating intervals, the
 * Quartz-style cron expressions Camunda accepts for cycles, and `${...}`/`#{...}` expressions
 * (which can only be checked at run time).
 */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const ISO_DURATION =
  /^-?P(?=\d|T\d)(\d+([.,]\d+)?Y)?(\d+([.,]\d+)?M)?(\d+([.,]\d+)?W)?(\d+([.,]\d+)?D)?(T(?=\d)(\d+([.,]\d+)?H)?(\d+([.,]\d+)?M)?(\d+([.,]\d+)?S)?)?$/;
const ISO_CYCLE = /^R(\d*)\/(.+)$/;
const CRON_FIELD = /^[0-9A-Za-z*?/,\-#]+$/;
const BOUNDED_YEAR_FIELD = /^\d{4}(-\d{4})?(,\d{4}(-\d{4})?)*$/;

/** @param {string} value */
function isExpression(value) {
  return /[$#]\{[^}]*\}/.test(value);
}

/** @param {string} value */
function isIsoDateTime(value) {
  return ISO_DATE_TIME.test(value);
}

/** @param {string} value */
function isIsoDuration(value) {
  return ISO_DURATION.test(value);
}

/**
 * @typedef {{ form: 'iso'|'cron'|'expression'|'invalid', repetitions: number|null, bounded: boolean|null }} CycleInfo
 * `repetitions` is the ISO count (`R5` → 5, `R` → null); `bounded` is null when only run time knows.
 */

/**
 * @param {string} value body of `timeCycle`
 * @returns {CycleInfo}
 */
function parseCycle(value) {
  const iso = ISO_CYCLE.exec(value);
  if (iso) {
    const parts = iso[2].split('/');
    const partsValid =
      parts.length <= 2 &&
      parts.some((part) => isIsoDuration(part) || isExpression(part)) &&
      parts.every((part) => isIsoDuration(part) || isIsoDateTime(part) || isExpression(part));
    if (!partsValid) return { form: 'invalid', repetitions: null, bounded: null };
    const repetitions = iso[1] === '' ? null : Number(iso[1]);
    return { form: 'iso', repetitions, bounded: repetitions !== null };
  }
  if (isExpression(value)) return { form: 'expression', repetitions: null, bounded: null };
  const fields = value.split(/\s+/);
  if ((fields.length === 6 || fields.length === 7) && fields.every((field) => CRON_FIELD.test(field))) {
    // Quartz cron repeats forever unless its optional seventh field pins the years.
    const bounded = fields.length === 7 && BOUNDED_YEAR_FIELD.test(fields[6]);
    return { form: 'cron', repetitions: null, bounded };
  }
  return { form: 'invalid', repetitions: null, bounded: null };
}

/**
 * Why a timer value cannot be validated, or null when it is a valid value or an expression.
 * @param {'timeDate'|'timeDuration'|'timeCycle'|null} type
 * @param {string|null} value
 * @returns {string|null}
 */
function timerValueProblem(type, value) {
  if (!type || value === null || value === '') return 'has no timer value';
  if (isExpression(value)) return null;
  if (type === 'timeDate') {
    // Camunda 7's DueDateBusinessCalendar reads a timeDate starting with "P" as a period from now.
    if (value.startsWith('P'))
      return isIsoDuration(value) ? null : `has a date "${value}" that starts like a duration but is not an ISO 8601 duration such as P10D`;
    return isIsoDateTime(value) ? null : `has a date "${value}" that is neither an ISO 8601 date-time nor a duration`;
  }
  if (type === 'timeDuration') {
    return isIsoDuration(value) ? null : `has a duration "${value}" that is not an ISO 8601 duration such as P10D`;
  }
  return parseCycle(value).form === 'invalid'
    ? `has a cycle "${value}" that is neither an ISO 8601 repeating interval such as R3/PT24H nor a cron expression`
    : null;
}

module.exports = { isExpression, isIsoDateTime, isIsoDuration, parseCycle, timerValueProblem };
