import { evaluateJsonPath, isJsonPath } from '../../bridge/mapping/json-path.ts';

describe('mapping path expressions', () => {
  const envelope = { eventId: 'e-1', payload: { caseId: 'C-7', count: 0, flag: false, empty: null, items: [{ id: 'i-0' }, { id: 'i-1' }], 'dash-ed': 'd' } };

  it('reads members and indexes from the envelope root', () => {
    expect(evaluateJsonPath(envelope, '$.eventId')).toBe('e-1');
    expect(evaluateJsonPath(envelope, '$.payload.caseId')).toBe('C-7');
    expect(evaluateJsonPath(envelope, '$.payload.items[1].id')).toBe('i-1');
    expect(evaluateJsonPath(envelope, '$.payload.dash-ed')).toBe('d');
    expect(evaluateJsonPath(envelope, '$')).toBe(envelope);
  });

  it('keeps falsy values apart from missing ones', () => {
    expect(evaluateJsonPath(envelope, '$.payload.count')).toBe(0);
    expect(evaluateJsonPath(envelope, '$.payload.flag')).toBe(false);
    expect(evaluateJsonPath(envelope, '$.payload.empty')).toBeNull();
    expect(evaluateJsonPath(envelope, '$.payload.missing')).toBeUndefined();
  });

  it('gives undefined for a step through a missing, scalar or mismatched value', () => {
    expect(evaluateJsonPath(envelope, '$.payload.missing.deeper')).toBeUndefined();
    expect(evaluateJsonPath(envelope, '$.payload.caseId.length')).toBeUndefined();
    expect(evaluateJsonPath(envelope, '$.payload.items[5].id')).toBeUndefined();
    expect(evaluateJsonPath(envelope, '$.payload[0]')).toBeUndefined(); // an index on an object
    expect(evaluateJsonPath(envelope, '$.payload.items.id')).toBeUndefined(); // a member on an array
  });

  it('never reads inherited properties', () => {
    expect(evaluateJsonPath(envelope, '$.payload.constructor')).toBeUndefined();
    expect(evaluateJsonPath(envelope, '$.payload.__proto__')).toBeUndefined();
  });

  it('accepts only the supported subset', () => {
    for (const ok of ['$', '$.a', '$.a_b.c1', '$.a[0]', '$.a[10].b']) expect(isJsonPath(ok), ok).toBe(true);
    for (const bad of ['', 'payload.caseId', '$.', '$..a', '$.a[*]', "$['a']", '$.a[-1]', '$.1a', '$.a b', '$.a;process.exit()'])
      expect(isJsonPath(bad), bad).toBe(false);
  });

  it('refuses to evaluate an expression it does not support', () => {
    expect(() => evaluateJsonPath(envelope, '$..caseId')).toThrow('not a supported path expression: $..caseId');
  });
});
