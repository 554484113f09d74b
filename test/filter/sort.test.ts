import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileSort, type Resource } from '../../scim/sort.ts';
import { defaultRegistry } from '../../scim/schema/registry.ts';
import { URN } from '../../scim/urns.ts';
import { assertScimError } from './helpers.ts';

const userType = defaultRegistry.resourceType('User')!;
const groupType = defaultRegistry.resourceType('Group')!;

const people: Resource[] = [
  {
    id: 'c',
    userName: 'charlie',
    title: 'Zookeeper',
    active: true,
    name: { familyName: 'Adams' },
    emails: [{ value: 'z@x.com' }, { value: 'a@x.com', primary: true }],
    meta: { lastModified: '2024-01-01T10:00:00+02:00' },
    [URN.EnterpriseUser]: { department: 'b' },
  },
  {
    id: 'a',
    userName: 'alpha',
    active: false,
    name: { familyName: 'Young' },
    emails: [{ value: 'm@x.com' }, { value: 'b@x.com' }],
    meta: { lastModified: '2024-01-01T09:00:00Z' },
  },
  {
    id: 'B',
    userName: 'Bravo',
    title: 'aviator',
    active: true,
    emails: [],
    meta: { lastModified: '2024-01-01T08:30:00Z' },
    [URN.EnterpriseUser]: { department: 'A' },
  },
  { id: 'd', USERNAME: 'délia', title: '', name: { familyName: 'adams' }, meta: { lastModified: 'not a date' } },
];

function order(sortBy: string, sortOrder?: string, resources = people, rt = userType): string[] {
  return [...resources].sort(compileSort(sortBy, sortOrder, rt, defaultRegistry)).map((r) => String(r.id));
}

describe('compileSort (RFC 7644 §3.4.2.3)', () => {
  const cases: [string, string | undefined, string[]][] = [
    ['userName', undefined, ['a', 'B', 'c', 'd']],
    ['userName', 'ascending', ['a', 'B', 'c', 'd']],
    ['userName', 'descending', ['d', 'c', 'B', 'a']],
    ['USERNAME', 'DESCENDING', ['d', 'c', 'B', 'a']],
    [`${URN.User}:userName`, 'Ascending', ['a', 'B', 'c', 'd']],
    // caseExact id: code-unit order puts upper case first.
    ['id', undefined, ['B', 'a', 'c', 'd']],
    // Missing (and empty) values last when ascending, first when descending.
    ['title', undefined, ['B', 'c', 'a', 'd']],
    ['title', 'descending', ['a', 'd', 'c', 'B']],
    // Complex attributes sort through a sub-attribute; equal keys keep their original order (stable).
    ['name.familyName', undefined, ['c', 'd', 'a', 'B']],
    ['name.familyName', 'descending', ['B', 'a', 'c', 'd']],
    // Multi-valued: the primary value, else the first.
    ['emails.value', undefined, ['c', 'a', 'B', 'd']],
    ['emails', undefined, ['c', 'a', 'B', 'd']],
    ['emails', 'descending', ['B', 'd', 'a', 'c']],
    // dateTime chronologically, honouring offsets; an unparseable value counts as missing.
    ['meta.lastModified', undefined, ['c', 'B', 'a', 'd']],
    ['active', undefined, ['a', 'c', 'B', 'd']],
    [`${URN.EnterpriseUser}:department`, undefined, ['B', 'c', 'a', 'd']],
  ];
  for (const [sortBy, sortOrder, expected] of cases) {
    test(`${sortBy} ${sortOrder ?? '(default)'}`, () => assert.deepEqual(order(sortBy, sortOrder), expected));
  }

  test('ties keep the original order in both directions', () => {
    const same: Resource[] = ['1', '2', '3', '4'].map((id) => ({ id, userName: 'SAME' }));
    assert.deepEqual(order('userName', undefined, same), ['1', '2', '3', '4']);
    assert.deepEqual(order('userName', 'descending', same), ['1', '2', '3', '4']);
  });

  test('Groups sort by displayName', () => {
    const list: Resource[] = [{ id: 'g2', displayName: 'beta' }, { id: 'g1', displayName: 'Alpha' }, { id: 'g3' }];
    assert.deepEqual(order('displayName', undefined, list, groupType), ['g1', 'g2', 'g3']);
  });

  test('keys are read once per resource, not once per comparison', () => {
    let reads = 0;
    const counted = Array.from({ length: 50 }, (_, i) => {
      const resource: Resource = { id: String(i) };
      Object.defineProperty(resource, 'userName', { enumerable: true, get: () => (reads++, `user${(i * 7) % 50}`) });
      return resource;
    });
    order('userName', undefined, counted);
    assert.equal(reads, 50);
  });

  const errors: [string, string | undefined, RegExp][] = [
    ['nickname2', undefined, /Cannot sort by "nickname2": the User resource type defines no such attribute/],
    ['name', undefined, /Cannot sort by "name": it is complex/],
    ['name.nope', undefined, /Cannot sort by "name\.nope"/],
    ['password', undefined, /never returned/],
    ['userName', 'up', /sortOrder must be "ascending" or "descending", not "up"/],
    ['userName', '', /sortOrder must be/],
  ];
  for (const [sortBy, sortOrder, detail] of errors) {
    test(`error: sortBy=${sortBy} sortOrder=${sortOrder}`, () => {
      assertScimError(() => compileSort(sortBy, sortOrder, userType, defaultRegistry), 'invalidValue', detail);
    });
  }
  test('error: members.value is not a User attribute', () => {
    assertScimError(() => compileSort('members.value', undefined, userType, defaultRegistry), 'invalidValue', /members\.value/);
  });
});
