import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScimError } from '../../scim/errors.ts';
import { coerceValue } from '../../scim/resource/normalize.ts';
import { attr } from '../../scim/schema/build.ts';
import { findAttribute } from '../../scim/schema/registry.ts';
import { enterpriseUserSchema, userSchema } from '../../scim/schema/core.ts';

const def = (name: string) => findAttribute(userSchema.attributes, name)!;
const manager = findAttribute(enterpriseUserSchema.attributes, 'manager')!;

describe('coerceValue', () => {
  const ok: [string, Parameters<typeof coerceValue>[0], unknown, boolean, unknown][] = [
    ['string', def('nickName'), 'x', false, 'x'],
    ['null is unassigned', def('nickName'), null, false, undefined],
    ['boolean', def('active'), false, false, false],
    ['lenient "False"', def('active'), 'False', true, false],
    ['complex canonical names', def('name'), { GIVENNAME: 'g', familyname: null }, false, { givenName: 'g' }],
    ['complex all null', def('name'), { givenName: null }, false, undefined],
    ['multi-valued', def('emails'), [{ value: 'a' }, null], false, [{ value: 'a' }]],
    ['empty multi-valued', def('emails'), [], false, undefined],
    ['lenient single object wrapped', def('emails'), { value: 'a' }, true, [{ value: 'a' }]],
    ['lenient manager array', manager, [{ value: 'm' }], true, { value: 'm' }],
    ['lenient manager empty array', manager, [], true, undefined],
    ['lenient manager string', manager, 'm', true, { value: 'm' }],
    ['lenient unknown sub-attribute ignored', def('name'), { givenName: 'g', nick: 'n' }, true, { givenName: 'g' }],
    ['reference', def('profileUrl'), 'https://x', false, 'https://x'],
    ['dateTime with zone', attr('d', 'dateTime'), '2024-01-01T00:00:00Z', false, '2024-01-01T00:00:00Z'],
    ['binary', attr('b', 'binary'), 'AAEC', false, 'AAEC'],
    ['integer', attr('i', 'integer'), -3, false, -3],
    ['decimal', attr('n', 'decimal'), 2.5, false, 2.5],
  ];
  for (const [name, d, value, lenient, expected] of ok) {
    test(name, () => assert.deepEqual(coerceValue(d, value, d.name, lenient), expected));
  }
  const bad: [string, Parameters<typeof coerceValue>[0], unknown, boolean][] = [
    ['boolean as string (strict)', def('active'), 'false', false],
    ['lenient "yes"', def('active'), 'yes', true],
    ['object for a string', def('nickName'), { a: 1 }, true],
    ['reference as a number', def('profileUrl'), 5, true],
    ['integer with a fraction', attr('i', 'integer'), 1.5, false],
    ['integer beyond safe range', attr('i', 'integer'), 2 ** 60, false],
    ['decimal NaN string strict', attr('n', 'decimal'), '1.5', false],
    ['dateTime without time', attr('d', 'dateTime'), '2024-01-01', false],
    ['binary with spaces', attr('b', 'binary'), 'AA EC', false],
    ['manager array of two', manager, [{ value: 'a' }, { value: 'b' }], true],
    ['multi-valued scalar strict', def('emails'), 'a@x', false],
    ['multi-valued scalar even when lenient (P-ERR-09)', def('emails'), 'a@x', true],
    ['number for a string even when lenient (P-ERR-05)', def('userName'), 123, true],
    ['bare string as an element of a multi-valued complex', def('emails'), ['a@x'], true],
  ];
  for (const [name, d, value, lenient] of bad) {
    test(`refuses ${name}`, () => {
      assert.throws(() => coerceValue(d, value, `p.${d.name}`, lenient), (e: unknown) => e instanceof ScimError && e.scimType === 'invalidValue' && e.message.includes(`p.${d.name}`));
    });
  }
});
