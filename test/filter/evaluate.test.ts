import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilter, compileValueFilter, parseFilter } from '../../scim/filter/index.ts';
import { findAttribute, defaultRegistry } from '../../scim/schema/registry.ts';
import { userSchema, groupSchema } from '../../scim/schema/core.ts';
import { URN } from '../../scim/urns.ts';
import { groups, idOf, users } from './fixtures.ts';
import { assertScimError } from './helpers.ts';

const userType = defaultRegistry.resourceType('User')!;
const groupType = defaultRegistry.resourceType('Group')!;

function matching(text: string, resources = users, rt = userType, lenient = false): string[] {
  const predicate = compileFilter(parseFilter(text, { lenient }), rt, defaultRegistry);
  return resources.filter(predicate).map(idOf);
}

function table(title: string, cases: [string, string[]][], resources = users, rt = userType, lenient = false): void {
  describe(title, () => {
    for (const [text, expected] of cases) test(text, () => assert.deepEqual(matching(text, resources, rt, lenient), expected));
  });
}

table('RFC 7644 §3.4.2.2 examples against fixtures', [
  ['userName eq "bjensen"', ['u1']],
  [`name.familyName co "O'Malley"`, ['u2']],
  ['userName sw "J"', ['u2']],
  [`${URN.User}:userName sw "J"`, ['u2']],
  ['title pr', ['u1']],
  ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['u2', 'u4']],
  ['meta.lastModified ge "2011-05-13T04:42:34Z"', ['u1', 'u2', 'u3', 'u4']],
  ['meta.lastModified lt "2011-05-13T04:42:34Z"', []],
  ['meta.lastModified le "2011-05-13T04:42:34Z"', ['u1', 'u3']],
  ['title pr and userType eq "Employee"', ['u1']],
  ['title pr or userType eq "Intern"', ['u1', 'u2']],
  [`schemas eq "${URN.EnterpriseUser}"`, ['u1', 'u4']],
  ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ['u1', 'u4']],
  ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ['u3']],
  ['userType eq "Employee" and (emails.type eq "work")', ['u1']],
  ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['u1']],
  ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', ['u1', 'u2']],
]);

table('string operators and caseExact', [
  ['userName eq "BJENSEN"', ['u1']],
  ['USERNAME Eq "bjensen"', ['u1']],
  ['userName ne "bjensen"', ['u2', 'u3', 'u4']],
  ['name.familyName co "ens"', ['u1']],
  ['userName sw "bjensen"', ['u1']],
  ['userName ew "NSEN"', ['u1']],
  ['userName ew "smith"', ['u2']],
  // Code-unit order after folding: deterministic on every machine, so é sorts after z.
  ['userName gt "m"', ['u3', 'u4']],
  ['userName lt "c"', ['u1']],
  ['userName ge "jsmith"', ['u2', 'u3', 'u4']],
  ['userName le "JSMITH"', ['u1', 'u2']],
  ['externalId eq "AbC-9"', ['u1']],
  ['externalId eq "abc-9"', []],
  ['id eq "u1"', ['u1']],
  ['id eq "U1"', []],
  ['id eq "u1" and userName eq "bjensen"', ['u1']],
  ['meta.resourceType eq "User"', ['u1', 'u2', 'u3', 'u4']],
  ['meta.version eq "W/\\"a330bc54f0671c9\\""', ['u1']],
  ['displayName eq "a \\"quoted\\" name"', ['u3']],
  ['emails co "EXAMPLE.COM"', ['u1', 'u2', 'u4']],
  ['emails.value eq "babs@jensen.org"', ['u1']],
  ['emails.type eq "home"', ['u1', 'u2']],
  ['userName eq 42', []],
]);

table('Unicode: NFKC + lower case for caseExact=false', [
  ['userName eq "élise"', ['u3']],
  ['userName eq "E\u0301LISE"', ['u3']],
  ['userName eq "ZOË"', ['u4']],
  ['userName eq "ｂｊｅｎｓｅｎ"', ['u1']],
  ['userName sw "él"', ['u3']],
]);

table('presence and null', [
  ['title pr', ['u1']],
  ['emails pr', ['u1', 'u2', 'u4']],
  ['name pr', ['u1', 'u2', 'u4']],
  ['name.givenName pr', ['u1', 'u2']],
  ['externalId pr', ['u1', 'u2']],
  ['not (title pr)', ['u2', 'u3', 'u4']],
  ['title eq null', ['u2', 'u3', 'u4']],
  ['title ne null', ['u1']],
  ['emails[type pr]', ['u1', 'u2', 'u4']],
  ['ims.value pr', ['u1']],
]);

table('booleans, logic and precedence', [
  ['active eq true', ['u1', 'u3', 'u4']],
  ['active eq false', ['u2']],
  ['active ne true', ['u2']],
  ['active eq "true"', []],
  ['userName sw "b" and active eq true', ['u1']],
  ['userName eq "bjensen" or userName eq "jsmith"', ['u1', 'u2']],
  ['not (userName eq "bjensen")', ['u2', 'u3', 'u4']],
  ['not(userName eq "bjensen")', ['u2', 'u3', 'u4']],
  ['userName eq "x" or userName eq "bjensen" and active eq false', []],
  ['(userName eq "bjensen" or userName eq "jsmith") and active eq true', ['u1']],
  ['userName eq "bjensen" or userName eq "jsmith" and active eq true', ['u1']],
  ['not (not (userName eq "bjensen"))', ['u1']],
  ['userName pr and active eq true and userType eq "Employee"', ['u1', 'u4']],
  ['userName eq "x" or userName eq "y" or userName eq "zoë"', ['u4']],
]);

table('dateTime compares chronologically', [
  ['meta.lastModified eq "2011-05-13T04:42:34Z"', ['u1', 'u3']],
  ['meta.lastModified eq "2011-05-13T04:42:34.000+00:00"', ['u1', 'u3']],
  ['meta.lastModified gt "2011-05-13T04:42:35Z"', ['u2', 'u4']],
  ['meta.lastModified gt "2011-05-13T04:42:35.4Z"', ['u2', 'u4']],
  ['meta.lastModified gt "2011-05-13T04:42:35.6Z"', ['u2']],
  ['meta.lastModified lt "2011-05-13"', []],
  ['meta.lastModified ge "2012-01-01T01:00:00+01:00"', ['u2']],
  ['meta.created lt "2011-01-01T00:00:00Z"', ['u1']],
  ['meta.created sw "2011-05"', ['u3']],
]);

table('valuePath: all conditions hold for the same element (P-FILTER-19)', [
  ['emails[type eq "work" and value co "jensen.org"]', []],
  ['emails[type eq "home" and value co "jensen.org"]', ['u1']],
  ['emails[type eq "work" and primary eq true]', ['u1', 'u2']],
  ['emails[not (type eq "work")]', ['u1', 'u2', 'u4']],
  ['EMAILS[TYPE EQ "OTHER"]', ['u4']],
  ['emails[value ew "@example.com"] and not (emails[type eq "home"])', ['u4']],
]);

table('enterprise extension under its URN key', [
  [`${URN.EnterpriseUser}:employeeNumber eq "701984"`, ['u1']],
  [`${URN.EnterpriseUser}:department eq "r&d"`, ['u4']],
  [`${URN.EnterpriseUser}:manager.value eq "m1"`, ['u1']],
  [`${URN.EnterpriseUser}:manager eq "m2"`, ['u4']],
  [`${URN.EnterpriseUser.toUpperCase()}:DEPARTMENT pr`, ['u1', 'u4']],
]);

table(
  'Groups: displayName and members (P-FILTER-24, P-FILTER-25)',
  [
    ['displayName eq "tour guides"', ['g1']],
    ['displayName sw "Group"', ['g2', 'g3']],
    ['members.value eq "u2"', ['g1']],
    ['members[value eq "u3"]', ['g3']],
    ['members pr', ['g1', 'g3']],
    ['not (members pr)', ['g2']],
    ['meta.resourceType eq "Group"', ['g1', 'g2', 'g3']],
    [`schemas eq "${URN.Group.toLowerCase()}"`, ['g1', 'g2', 'g3']],
  ],
  groups,
  groupType,
);

table(
  'lenient mode',
  [
    ['emails[type eq "work"].value eq "JSMITH@example.com"', ['u2']],
    ['emails[type eq "home"].value eq "jsmith@example.com"', []],
    ['active eq "True"', ['u1', 'u3', 'u4']],
    ['active eq "false"', ['u2']],
    ["displayName sw 'Babs'", ['u1']],
  ],
  users,
  userType,
  true,
);

describe('compile errors: 400 invalidFilter naming the attribute', () => {
  const cases: [string, RegExp, typeof userType?][] = [
    ['nickname2 eq "x"', /Unknown attribute "nickname2": the User resource type does not define it/],
    ['name.nickName eq "x"', /Unknown attribute "name\.nickName"/],
    ['members.value eq "u1"', /Unknown attribute "members\.value"/],
    [`${URN.EnterpriseUser}:department eq "x"`, /Unknown attribute/, groupType],
    ['urn:example:unknown:2.0:Thing:attr pr', /Unknown attribute "urn:example:unknown:2\.0:Thing:attr"/],
    ['active gt true', /Operator "gt" cannot be used on "active": it is a boolean attribute/],
    ['active co "t"', /Operator "co" cannot be used on "active"/],
    ['emails[primary le false]', /Operator "le" cannot be used on "emails\.primary"/],
    ['x509Certificates gt "a"', /Operator "gt" cannot be used on "x509Certificates": it is a binary attribute/],
    ['name eq "Jensen"', /"name" is complex and has no "value": compare a sub-attribute such as name\.formatted/],
    ['meta gt "x"', /"meta" is complex/],
    ['password eq "secret"', /"password" is never returned/],
    ['meta.lastModified gt "yesterday"', /"yesterday" is not a dateTime/],
    ['meta.lastModified gt "2011-13-01T00:00:00Z"', /not a dateTime/],
    ['userName gt null', /Operator "gt" cannot compare "userName" with null/],
    ['emails[nope eq "x"]', /"emails" has no sub-attribute "nope"/],
    ['userName[value eq "x"]', /"userName\[\.\.\.\]" needs a complex attribute/],
    ['emails.value[value eq "x"]', /needs a complex attribute/],
  ];
  for (const [text, detail, rt = userType] of cases) {
    test(text, () => assertScimError(() => compileFilter(parseFilter(text), rt, defaultRegistry), 'invalidFilter', detail));
  }
});

describe('compileValueFilter: one element of a multi-valued complex attribute', () => {
  const emails = findAttribute(userSchema.attributes, 'emails')!;
  const members = findAttribute(groupSchema.attributes, 'members')!;
  const elements = [
    { value: 'a@x.com', type: 'work', primary: true },
    { value: 'b@y.com', type: 'home' },
    { VALUE: 'C@X.COM', Type: 'Work' },
  ];
  const cases: [string, number[]][] = [
    ['type eq "work"', [0, 2]],
    ['type eq "work" and value ew "x.com"', [0, 2]],
    ['type eq "work" and value co "y.com"', []],
    ['primary eq true', [0]],
    ['not (primary eq true)', [1, 2]],
    ['value pr', [0, 1, 2]],
    ['display pr', []],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      const predicate = compileValueFilter(parseFilter(text), emails);
      assert.deepEqual(elements.flatMap((e, i) => (predicate(e) ? [i] : [])), expected);
    });
  }
  test('members[value eq "<id>"] picks the member (PATCH remove)', () => {
    const predicate = compileValueFilter(parseFilter('value eq "u1"'), members);
    assert.deepEqual([{ value: 'u1' }, { value: 'u2' }, null, 'u1'].map(predicate), [true, false, false, false]);
  });
  test('$ref is a sub-attribute name', () => {
    const predicate = compileValueFilter(parseFilter('$ref ew "/Users/u1"'), members);
    assert.equal(predicate({ value: 'u1', $ref: 'https://h/scim/v2/Users/u1' }), true);
  });
  test('unknown sub-attribute, nested value filter and URN paths are invalidFilter', () => {
    assertScimError(() => compileValueFilter(parseFilter('nope pr'), emails), 'invalidFilter', /"emails" has no sub-attribute "nope"/);
    assertScimError(() => compileValueFilter(parseFilter('x[y pr]'), emails), 'invalidFilter', /cannot be nested/);
    assertScimError(() => compileValueFilter(parseFilter(`${URN.User}:emails.value pr`), emails), 'invalidFilter', /no sub-attribute/);
  });
  test('a simple parent has no value filter', () => {
    const userName = findAttribute(userSchema.attributes, 'userName')!;
    assertScimError(() => compileValueFilter(parseFilter('value pr'), userName), 'invalidFilter', /not complex/);
  });
  test('lenient comes from how the filter was parsed, or from the explicit option', () => {
    const text = 'primary eq "True"';
    assert.equal(compileValueFilter(parseFilter(text), emails)(elements[0]), false);
    assert.equal(compileValueFilter(parseFilter(text, { lenient: true }), emails)(elements[0]), true);
    assert.equal(compileValueFilter(parseFilter(text), emails, { lenient: true })(elements[0]), true);
  });
});

describe('evaluation of long chains', () => {
  test('a 550-term or chain compiles and evaluates without deep recursion', () => {
    const text = [...Array.from({ length: 549 }, (_, i) => `id eq "${i}"`), 'id eq "u1"'].join(' or ');
    const predicate = compileFilter(parseFilter(text), userType, defaultRegistry);
    assert.deepEqual(users.filter(predicate).map(idOf), ['u1']);
  });
});
