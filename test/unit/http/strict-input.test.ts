// Strict reading of query and path text: a number is exactly a number, a boolean exactly one, and
// text with control characters or broken Unicode is found wherever it sits.
import { describe, expect, it } from 'vitest';
import { badTextAt, strictQuery, strictScalar } from '../../../src/http/strict-input.js';

const CONTROL = /[\u0000-\u001f\u007f]/; // eslint-disable-line no-control-regex -- the test's own control set

describe('strictScalar', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-7', -7],
    ['9007199254740991', 9_007_199_254_740_991],
  ])('reads integer %s as %d', (text, value) => {
    expect(strictScalar(text, 'integer')).toBe(value);
  });

  it.each(['Infinity', '-Infinity', 'NaN', '1e309', '1e3', '0x10', '0b1', '0o7', ' 12', '12 ', '+5', '1_000', '٣', '1.5', '', '007', '-0.0', '9007199254740993', 'true'])(
    'leaves %j as text for the integer schema to refuse',
    (text) => {
      expect(strictScalar(text, 'integer')).toBe(text);
    },
  );

  it('reads decimals only as plain decimal text', () => {
    expect(strictScalar('1.25', 'number')).toBe(1.25);
    expect(strictScalar('-3', 'number')).toBe(-3);
    for (const text of ['1e2', '.5', '5.', 'Infinity', '1' + '0'.repeat(400)]) expect(strictScalar(text, 'number')).toBe(text);
  });

  it('reads booleans only as true and false', () => {
    expect([strictScalar('true', 'boolean'), strictScalar('false', 'boolean')]).toEqual([true, false]);
    for (const text of ['1', '0', 'TRUE', 'yes', '']) expect(strictScalar(text, 'boolean')).toBe(text);
  });

  it('leaves text of a string schema alone', () => {
    expect(strictScalar('12', 'string')).toBe('12');
    expect(strictScalar('12', undefined)).toBe('12');
  });
});

describe('strictQuery', () => {
  const schema = { properties: { limit: { type: 'integer' }, status: { type: 'array', items: { type: 'string' } }, days: { type: 'array', items: { type: 'integer' } } } };

  it('makes a single value an array only where the schema has one, and reads its items strictly', () => {
    expect(strictQuery(schema, { limit: '5', status: 'accepted', days: ['1', 'x'] })).toEqual({ limit: 5, status: ['accepted'], days: [1, 'x'] });
  });

  it('keeps keys the schema does not know (the schema refuses them) and a repeated scalar as the array it is', () => {
    expect(strictQuery(schema, { other: '1', limit: ['1', '2'] })).toEqual({ other: '1', limit: ['1', '2'] });
  });

  it('does not read inherited names as schema properties', () => {
    expect(strictQuery(schema, { constructor: '1' })).toEqual({ constructor: '1' });
  });
});

describe('badTextAt', () => {
  it('finds control characters and lone surrogates, and says where', () => {
    expect(badTextAt({ q: 'abc\u0000' }, 'query', CONTROL)).toBe('query.q');
    expect(badTextAt({ a: ['ok', { b: 'x\u001b[2J' }] }, 'body', CONTROL)).toBe('body.a[1].b');
    expect(badTextAt({ ['k\u0007']: 'v' }, 'body', CONTROL)).toBe('body key');
    expect(badTextAt('\ud800', 'path', CONTROL)).toBe('path');
    expect(badTextAt('x\udc00', 'path', CONTROL)).toBe('path');
  });

  it('accepts ordinary text, pairs of surrogates and what is not text', () => {
    expect(badTextAt({ q: '社保 🙂', n: 5, b: true, z: null, list: ['a'] }, 'query', CONTROL)).toBeNull();
  });
});
