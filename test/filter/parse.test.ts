import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFilter, type Filter } from '../../scim/filter/index.ts';
import { and, assertScimError, cmp, not, or, pr, vp } from './helpers.ts';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter: the examples of RFC 7644 §3.4.2.2', () => {
  const cases: [string, Filter][] = [
    ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
    [`name.familyName co "O'Malley"`, cmp('name.familyName', 'co', "O'Malley")],
    ['userName sw "J"', cmp('userName', 'sw', 'J')],
    [`${CORE}:userName sw "J"`, cmp(`${CORE}:userName`, 'sw', 'J')],
    ['title pr', pr('title')],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp('meta.lastModified', 'gt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', cmp('meta.lastModified', 'ge', '2011-05-13T04:42:34Z')],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', cmp('meta.lastModified', 'lt', '2011-05-13T04:42:34Z')],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', cmp('meta.lastModified', 'le', '2011-05-13T04:42:34Z')],
    ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
    [`schemas eq "${ENTERPRISE}"`, cmp('schemas', 'eq', ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp('userType', 'eq', 'Employee'), or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'))),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(cmp('userType', 'ne', 'Employee'), not(or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org')))),
    ],
    ['userType eq "Employee" and (emails.type eq "work")', and(cmp('userType', 'eq', 'Employee'), cmp('emails.type', 'eq', 'work'))],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp('userType', 'eq', 'Employee'), vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')))),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
        vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
      ),
    ],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseFilter(text), expected));
});

describe('parseFilter: operators, literals and names', () => {
  const cases: [string, Filter][] = [
    ['userName ne "x"', cmp('userName', 'ne', 'x')],
    ['userName ew "sen"', cmp('userName', 'ew', 'sen')],
    ['active eq true', cmp('active', 'eq', true)],
    ['active eq false', cmp('active', 'eq', false)],
    ['active eq True', cmp('active', 'eq', true)],
    ['title eq null', cmp('title', 'eq', null)],
    ['title eq NULL', cmp('title', 'eq', null)],
    ['x eq 42', cmp('x', 'eq', 42)],
    ['x eq -7', cmp('x', 'eq', -7)],
    ['x eq 0', cmp('x', 'eq', 0)],
    ['x gt 3.25', cmp('x', 'gt', 3.25)],
    ['x lt 1e3', cmp('x', 'lt', 1000)],
    ['x le 2.5E-2', cmp('x', 'le', 0.025)],
    ['x ge 1e+2', cmp('x', 'ge', 100)],
    ['displayName eq "a \\"quoted\\" name"', cmp('displayName', 'eq', 'a "quoted" name')],
    ['displayName eq "back\\\\slash"', cmp('displayName', 'eq', 'back\\slash')],
    ['displayName eq "\\u00e9lise"', cmp('displayName', 'eq', 'élise')],
    ['displayName eq "tab\\tnew\\nline\\/"', cmp('displayName', 'eq', 'tab\tnew\nline/')],
    ['displayName eq "Ελληνικά 日本"', cmp('displayName', 'eq', 'Ελληνικά 日本')],
    ['displayName eq ""', cmp('displayName', 'eq', '')],
    ['displayName eq "has ) and ] and ( inside"', cmp('displayName', 'eq', 'has ) and ] and ( inside')],
    ['members[$ref eq "https://x/Users/1"]', vp('members', cmp('$ref', 'eq', 'https://x/Users/1'))],
    ['groups.$ref pr', pr('groups.$ref')],
    [`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, cmp(`${ENTERPRISE}:manager.value`, 'eq', '26118915-6090-4610-87e4-49d8ca9f808d')],
    [`${ENTERPRISE}:employeeNumber eq "42"`, cmp(`${ENTERPRISE}:employeeNumber`, 'eq', '42')],
    ['x-custom_attr1 pr', pr('x-custom_attr1')],
    ['  userName   eq   "spaced"  ', cmp('userName', 'eq', 'spaced')],
    ['userName\teq\n"ws"', cmp('userName', 'eq', 'ws')],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseFilter(text), expected));
});

describe('parseFilter: keywords and operators are case-insensitive, names keep their spelling', () => {
  const cases: [string, Filter][] = [
    ['USERNAME EQ "bjensen"', cmp('USERNAME', 'eq', 'bjensen')],
    ['username Eq "x"', cmp('username', 'eq', 'x')],
    ['title PR', pr('title')],
    ['a pr AND b pr Or c pr', or(and(pr('a'), pr('b')), pr('c'))],
    ['NOT (a pr)', not(pr('a'))],
    ['Not(a pr)', not(pr('a'))],
    ['userName SW "j" and userName Co "e" and userName eW "n"', and(and(cmp('userName', 'sw', 'j'), cmp('userName', 'co', 'e')), cmp('userName', 'ew', 'n'))],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseFilter(text), expected));
});

describe('parseFilter: precedence (not > and > or) and grouping', () => {
  const cases: [string, Filter][] = [
    ['a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
    ['a pr and b pr or c pr', or(and(pr('a'), pr('b')), pr('c'))],
    ['(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and (b pr or c pr)', and(pr('a'), or(pr('b'), pr('c')))],
    ['not (a pr) and b pr', and(not(pr('a')), pr('b'))],
    ['not(a pr or b pr) or c pr', or(not(or(pr('a'), pr('b'))), pr('c'))],
    ['a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and b pr and c pr', and(and(pr('a'), pr('b')), pr('c'))],
    ['((a pr))', pr('a')],
    ['not (not (a pr))', not(not(pr('a')))],
    [
      'userName eq "x" or userName eq "bjensen" and active eq false',
      or(cmp('userName', 'eq', 'x'), and(cmp('userName', 'eq', 'bjensen'), cmp('active', 'eq', false))),
    ],
    ['emails[type eq "work" or not (primary eq true)] and a pr', and(vp('emails', or(cmp('type', 'eq', 'work'), not(cmp('primary', 'eq', true)))), pr('a'))],
    ['emails[(type eq "a" or type eq "b") and value pr]', vp('emails', and(or(cmp('type', 'eq', 'a'), cmp('type', 'eq', 'b')), pr('value')))],
    ['members[value eq "u1"] or members.value eq "u2"', or(vp('members', cmp('value', 'eq', 'u1')), cmp('members.value', 'eq', 'u2'))],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseFilter(text), expected));
});

describe('parseFilter: lenient interop forms (A12)', () => {
  const cases: [string, Filter][] = [
    [
      'emails[type eq "work"].value eq "a@x.com"',
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'a@x.com'))),
    ],
    ['emails[type eq "work"].value pr', vp('emails', and(cmp('type', 'eq', 'work'), pr('value')))],
    [
      'emails[type eq "work"].value eq "a" and userName pr',
      and(vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'a'))), pr('userName')),
    ],
    ["displayName sw 'Group'", cmp('displayName', 'sw', 'Group')],
    ["name.familyName eq 'O\\'Malley'", cmp('name.familyName', 'eq', "O'Malley")],
    [`displayName eq 'say "hi"'`, cmp('displayName', 'eq', 'say "hi"')],
    ['userName eq "strict forms still work"', cmp('userName', 'eq', 'strict forms still work')],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseFilter(text, { lenient: true }), expected));

  test('the Entra form is refused in strict mode, naming the problem', () => {
    assertScimError(() => parseFilter('emails[type eq "work"].value eq "x"'), 'invalidFilter', /"\.value" after "\]" at position 22.*lenient/);
  });
  test('single quotes are refused in strict mode', () => {
    assertScimError(() => parseFilter("displayName sw 'Group'"), 'invalidFilter', /Single-quoted string at position 15/);
  });
});

describe('parseFilter: errors are 400 invalidFilter naming the problem and position', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['userName eqq "x"', /^Unknown operator "eqq" at position 9$/],
    ['userName regex "b.*"', /Unknown operator "regex" at position 9/],
    ['userName eq', /Expected a value after "eq" at position 11, but the filter ended/],
    ['userName', /Expected an operator after "userName" at position 8, but the filter ended/],
    ['userName eq "a" and', /Expected an attribute path, "not" or "\(" at position 19, but the filter ended/],
    ['userName eq "a" or', /position 18, but the filter ended/],
    ['(userName eq "a"', /Expected "\)" at position 16, but the filter ended \(the "\(" at position 0 is not closed\)/],
    ['userName eq "a")', /Expected "and", "or" or the end of the filter at position 15, but found "\)"/],
    ['emails[type eq "work"', /Expected "\]" at position 21.*the "\[" at position 6 is not closed/],
    ['emails[type eq "work"]]', /found "\]"/],
    ['userName eq "unterminated', /Unterminated string starting at position 12/],
    ['userName eq "bad \\x escape"', /Invalid string literal .* at position 12/],
    ['userName eq bjensen', /Invalid value bjensen at position 12: expected a double-quoted string/],
    ['userName eq 01', /Invalid value 01/],
    ['userName eq 1.', /Invalid value 1\./],
    ['userName eq "a" "b"', /found "\\"b\\""|found ""b""/],
    ['not userName eq "a"', /Expected "\(" after "not" at position 4, but found "userName"/],
    ['and userName pr', /Expected an attribute path, "not" or "\(" at position 0, but found "and"/],
    ['userName eq "a" and or b pr', /at position 20, but found "or"/],
    ['()', /position 1, but found "\)"/],
    ['1abc eq "x"', /Invalid attribute path "1abc" at position 0/],
    ['name. eq "x"', /Invalid attribute path "name\." at position 0/],
    ['name.given.family eq "x"', /Invalid attribute path "name\.given\.family"/],
    ['emails[type eq "work" and x[y eq "z"]]', /Value filters cannot be nested: "\[" at position 27/],
    ['title pr "x"', /found/],
    ['emails[type eq "work"].value eq "x"', /lenient/],
    ['userName eq "a" && active eq true', /found "&&"/],
  ];
  for (const [text, detail] of cases) {
    test(JSON.stringify(text), () => assertScimError(() => parseFilter(text), 'invalidFilter', detail));
  }
});

describe('parseFilter: guards against pathological input', () => {
  test('64 levels of parentheses parse, 65 are refused', () => {
    const nested = (n: number) => '('.repeat(n) + 'a pr' + ')'.repeat(n);
    assert.deepEqual(parseFilter(nested(64)), pr('a'));
    assertScimError(() => parseFilter(nested(65)), 'invalidFilter', /nests deeper than 64 levels at position 64/);
  });
  test('deep not( nesting is refused, never a stack overflow', () => {
    assertScimError(() => parseFilter('not('.repeat(1000) + 'a pr' + ')'.repeat(1000)), 'invalidFilter', /deeper than 64/);
  });
  test('unbalanced deep nesting is refused by the depth limit', () => {
    assertScimError(() => parseFilter('('.repeat(8000)), 'invalidFilter', /deeper than 64/);
  });
  test('filters longer than 8 KiB are refused', () => {
    const long = `userName eq "${'x'.repeat(8200)}"`;
    assertScimError(() => parseFilter(long), 'invalidFilter', /limit is 8192/);
  });
  test('a long flat chain of or within the limit parses (and compiles later without recursion)', () => {
    const text = Array.from({ length: 600 }, (_, i) => `a${i} pr`).join(' or ');
    assert.ok(text.length <= 8192);
    const parsed = parseFilter(text);
    assert.equal(parsed.kind, 'or');
  });
});
