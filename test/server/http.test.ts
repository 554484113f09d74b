import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENTERPRISE, ERROR, TOKEN, group, patch, user, withServer, type Reply } from './helpers.ts';

let h: Awaited<ReturnType<typeof withServer>>;
before(async () => {
  h = await withServer();
});
after(() => h.server.close());

function assertError(r: Reply, status: number, scimType?: string) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/scim\+json/);
  assert.deepEqual(r.body.schemas, [ERROR]);
  assert.equal(r.body.status, String(status));
  assert.equal(r.body.scimType, scimType);
  assert.equal(typeof r.body.detail, 'string');
}

describe('create', () => {
  test('201 with Location, meta and the full representation', async () => {
    const r = await h.call('POST', '/Users', user('bjensen@example.com', { name: { givenName: 'Barbara' }, password: 'Secret!123', externalId: 'AbC-9' }));
    assert.equal(r.status, 201, r.text);
    assert.match(r.headers.get('content-type')!, /^application\/scim\+json/);
    assert.equal(r.headers.get('location'), r.body.meta.location);
    assert.equal(r.headers.get('etag'), r.body.meta.version);
    assert.equal(r.body.meta.resourceType, 'User');
    assert.equal(r.body.meta.created, r.body.meta.lastModified);
    assert.equal(r.body.externalId, 'AbC-9');
    assert.equal(r.body.password, undefined);
    assert.equal(r.body.name.givenName, 'Barbara');
    const got = await h.call('GET', `/Users/${r.body.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.userName, 'bjensen@example.com');
  });

  test('userName uniqueness is case-insensitive and Unicode-aware', async () => {
    assert.equal((await h.call('POST', '/Users', user('élise@example.com'))).status, 201);
    assertError(await h.call('POST', '/Users', user('ÉLISE@EXAMPLE.COM')), 409, 'uniqueness');
  });

  test('group displayName is unique', async () => {
    assert.equal((await h.call('POST', '/Groups', group('Admins'))).status, 201);
    assertError(await h.call('POST', '/Groups', group('admins')), 409, 'uniqueness');
  });

  test('client id and meta are ignored', async () => {
    const r = await h.call('POST', '/Users', user('ignore-id', { id: 'client-chosen', meta: { created: '2000-01-01T00:00:00Z' } }));
    assert.equal(r.status, 201);
    assert.notEqual(r.body.id, 'client-chosen');
    assert.notEqual(r.body.meta.created, '2000-01-01T00:00:00Z');
  });

  test('missing userName is 400 invalidValue', async () => {
    assertError(await h.call('POST', '/Users', { schemas: [user('x').schemas[0]], name: { givenName: 'A' } }), 400, 'invalidValue');
  });

  test('N concurrent creates of one userName give exactly one 201', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => h.call('POST', '/Users', user('race@example.com'))));
    assert.equal(replies.filter((r) => r.status === 201).length, 1);
    assert.equal(replies.filter((r) => r.status === 409).length, 19);
  });

  test('enterprise extension is stored under its URN', async () => {
    const r = await h.call('POST', '/Users', { schemas: [user('x').schemas[0], ENTERPRISE], userName: 'ent1', [ENTERPRISE]: { employeeNumber: '42' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body[ENTERPRISE].employeeNumber, '42');
    assert.ok(r.body.schemas.includes(ENTERPRISE));
  });

  test('application/json requests are accepted (Okta)', async () => {
    const r = await h.call('POST', '/Users', JSON.stringify(user('okta-json')), { 'Content-Type': 'application/json' });
    assert.equal(r.status, 201);
  });
});

describe('list', () => {
  test('filter, paging and count=0', async () => {
    for (let i = 0; i < 5; i++) await h.call('POST', '/Users', user(`page-${i}@list.test`));
    const r = await h.call('GET', `/Users?filter=${encodeURIComponent('userName sw "page-"')}&startIndex=2&count=2`);
    assert.equal(r.status, 200);
    assert.equal(r.body.totalResults, 5);
    assert.equal(r.body.itemsPerPage, 2);
    assert.equal(r.body.startIndex, 2);
    assert.deepEqual(r.body.Resources.map((u: any) => u.userName), ['page-1@list.test', 'page-2@list.test']);
    const zero = await h.call('GET', `/Users?filter=${encodeURIComponent('userName sw "page-"')}&count=0`);
    assert.equal(zero.body.totalResults, 5);
    assert.equal(zero.body.Resources?.length ?? 0, 0);
  });

  test('eq on userName is case-insensitive; no match is 200 with 0', async () => {
    const r = await h.call('GET', `/Users?filter=${encodeURIComponent('USERNAME EQ "PAGE-3@LIST.TEST"')}`);
    assert.equal(r.body.totalResults, 1);
    const none = await h.call('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody-9f1c"')}`);
    assert.equal(none.status, 200);
    assert.equal(none.body.totalResults, 0);
  });

  test('invalid filter is 400 invalidFilter', async () => {
    assertError(await h.call('GET', `/Users?filter=${encodeURIComponent('userName eqq "x"')}`), 400, 'invalidFilter');
  });

  test('password is never returned, even when asked for', async () => {
    await h.call('POST', '/Users', user('pw@list.test', { password: 'x-Secret-1' }));
    const r = await h.call('GET', `/Users?filter=${encodeURIComponent('userName eq "pw@list.test"')}&attributes=password,userName`);
    assert.equal(r.body.Resources[0].password, undefined);
    assert.equal(r.body.Resources[0].userName, 'pw@list.test');
  });

  test('sortBy descending', async () => {
    const r = await h.call('GET', `/Users?filter=${encodeURIComponent('userName sw "page-"')}&sortBy=userName&sortOrder=descending`);
    assert.deepEqual(r.body.Resources.map((u: any) => u.userName).slice(0, 2), ['page-4@list.test', 'page-3@list.test']);
  });

  test('POST .search', async () => {
    const r = await h.call('POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'userName sw "page-"', count: 1 });
    assert.equal(r.status, 200);
    assert.equal(r.body.totalResults, 5);
    assert.equal(r.body.Resources.length, 1);
  });
});

describe('replace, patch, delete', () => {
  test('PUT replaces, keeps id and created, advances lastModified', async () => {
    const c = await h.call('POST', '/Users', user('put@x.test', { title: 'Old', nickName: 'nick' }));
    const r = await h.call('PUT', `/Users/${c.body.id}`, user('PUT@x.test', { title: 'New' }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.id, c.body.id);
    assert.equal(r.body.title, 'New');
    assert.equal(r.body.nickName, undefined);
    assert.equal(r.body.meta.created, c.body.meta.created);
    assert.ok(r.body.meta.lastModified > c.body.meta.lastModified);
    assert.notEqual(r.body.meta.version, c.body.meta.version);
  });

  test('PUT of an unknown id is 404 and creates nothing', async () => {
    assertError(await h.call('PUT', '/Users/00000000-0000-0000-0000-000000000000', user('ghost@x.test')), 404);
    const l = await h.call('GET', `/Users?filter=${encodeURIComponent('userName eq "ghost@x.test"')}`);
    assert.equal(l.body.totalResults, 0);
  });

  test('PATCH deactivate (Okta, no path) and Entra string booleans', async () => {
    const c = await h.call('POST', '/Users', user('patch@x.test', { active: true }));
    const r = await h.call('PATCH', `/Users/${c.body.id}`, patch({ op: 'replace', value: { active: false } }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.active, false);
    const e = await h.call('PATCH', `/Users/${c.body.id}`, patch({ op: 'Replace', path: 'active', value: 'True' }));
    assert.equal(e.status, 200, e.text);
    assert.equal(e.body.active, true);
  });

  test('group membership by PATCH: add, remove by filter, Entra legacy remove', async () => {
    const a = (await h.call('POST', '/Users', user('m-a@x.test'))).body.id;
    const b = (await h.call('POST', '/Users', user('m-b@x.test'))).body.id;
    const g = (await h.call('POST', '/Groups', group('Members-1'))).body;
    const add = await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: [{ value: a }, { value: b }] }));
    assert.equal(add.status, 204, add.text);
    let got = await h.call('GET', `/Groups/${g.id}`);
    assert.deepEqual(got.body.members.map((m: any) => m.value).sort(), [a, b].sort());
    const userView = await h.call('GET', `/Users/${a}`);
    assert.equal(userView.body.groups[0].value, g.id);
    await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'Remove', path: 'members', value: [{ value: a }] }));
    got = await h.call('GET', `/Groups/${g.id}`);
    assert.deepEqual(got.body.members.map((m: any) => m.value), [b]);
    await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'remove', path: `members[value eq "${b}"]` }));
    got = await h.call('GET', `/Groups/${g.id}`);
    assert.deepEqual(got.body.members ?? [], []);
  });

  test('Okta rename repeating the group id', async () => {
    const g = (await h.call('POST', '/Groups', group('Okta-Old'))).body;
    const r = await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', value: { id: g.id, displayName: 'Okta-New' } }));
    assert.equal(r.status, 204, r.text);
    assert.equal((await h.call('GET', `/Groups/${g.id}`)).body.displayName, 'Okta-New');
  });

  test('adding an unknown member is 400 invalidValue and changes nothing', async () => {
    const g = (await h.call('POST', '/Groups', group('Strict-Members'))).body;
    assertError(await h.call('PATCH', `/Groups/${g.id}`, patch({ op: 'add', path: 'members', value: [{ value: 'no-such-id' }] })), 400, 'invalidValue');
  });

  test('DELETE 204 then 404 everywhere', async () => {
    const c = await h.call('POST', '/Users', user('del@x.test'));
    assert.equal((await h.call('DELETE', `/Users/${c.body.id}`)).status, 204);
    assertError(await h.call('GET', `/Users/${c.body.id}`), 404);
    assertError(await h.call('DELETE', `/Users/${c.body.id}`), 404);
    assertError(await h.call('PATCH', `/Users/${c.body.id}`, patch({ op: 'replace', path: 'title', value: 'x' })), 404);
    assert.equal((await h.call('POST', '/Users', user('del@x.test'))).status, 201);
  });
});

describe('etag', () => {
  test('If-None-Match 304, If-Match mismatch 412', async () => {
    const c = await h.call('POST', '/Users', user('etag@x.test'));
    const etag = c.headers.get('etag')!;
    const nm = await h.call('GET', `/Users/${c.body.id}`, undefined, { 'If-None-Match': etag });
    assert.equal(nm.status, 304);
    assert.equal(nm.text, '');
    assertError(await h.call('PUT', `/Users/${c.body.id}`, user('etag@x.test', { title: 'x' }), { 'If-Match': 'W/"999"' }), 412);
    const ok = await h.call('PUT', `/Users/${c.body.id}`, user('etag@x.test', { title: 'x' }), { 'If-Match': etag });
    assert.equal(ok.status, 200);
  });
});

describe('bulk', () => {
  test('bulkId references resolve, even when listed before the POST they name', async () => {
    const r = await h.call('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: group('Bulk-G', { members: [{ value: 'bulkId:u1' }] }) },
        { method: 'POST', path: '/Users', bulkId: 'u1', data: user('bulk-u@x.test') },
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.Operations.map((o: any) => o.status), ['201', '201']);
    const g = await h.call('GET', new URL(r.body.Operations[0].location).pathname.replace('/scim/v2', ''));
    assert.equal(g.body.members.length, 1);
  });

  test('maxOperations exceeded is 413', async () => {
    const ops = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` }));
    assertError(await h.call('POST', '/Bulk', { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: ops }), 413);
  });

  test('failOnErrors stops after the first error', async () => {
    const r = await h.call('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      failOnErrors: 1,
      Operations: [
        { method: 'DELETE', path: '/Users/missing-1' },
        { method: 'POST', path: '/Users', bulkId: 'x', data: user('never@x.test') },
      ],
    });
    assert.equal(r.body.Operations.length, 1);
    assert.equal(r.body.Operations[0].status, '404');
  });
});

describe('bad input never gives a 500', () => {
  test('malformed JSON is 400 invalidSyntax', async () => {
    assertError(await h.call('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
  });
  test('wrong content type is 415', async () => {
    assertError(await h.call('POST', '/Users', 'userName=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415);
  });
  test('a body over the limit is 413', async () => {
    assertError(await h.call('POST', '/Users', JSON.stringify(user('big', { title: 'x'.repeat(1_100_000) }))), 413);
  });
  test('deep nesting is a 400', async () => {
    const deep = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"deep","name":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5001);
    const r = await h.call('POST', '/Users', deep);
    assert.equal(r.status, 400, r.text);
  });
  test('unknown endpoint is 404 SCIM error; unsupported version is invalidVers', async () => {
    assertError(await h.call('GET', '/Nope'), 404);
    const r = await fetch(h.server.url.replace('/v2', '/v1') + '/Users', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 400);
    assert.equal((await r.json()).scimType, 'invalidVers');
  });
  test('bad percent-encoding in a path is not a 500', async () => {
    const r = await h.call('GET', '/Users/%E0%A4%A');
    assert.notEqual(r.status, 500);
  });
});

describe('auth and discovery', () => {
  test('401 with WWW-Authenticate and a SCIM error', async () => {
    const r = await fetch(h.server.url + '/Users');
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate')!, /Bearer/);
    assert.equal((await r.json()).status, '401');
    const wrong = await fetch(h.server.url + '/Users', { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
  });
  test('discovery is readable without credentials', async () => {
    const spc = await (await fetch(h.server.url + '/ServiceProviderConfig')).json();
    assert.equal(spc.patch.supported, true);
    const rts = await (await fetch(h.server.url + '/ResourceTypes')).json();
    assert.equal(rts.totalResults, 2);
    const s = await fetch(h.server.url + '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    assert.equal((await s.json()).name, 'User');
  });
  test('/Me is 501', async () => {
    assertError(await h.call('GET', '/Me'), 501);
  });
});

describe('queries across resource types', () => {
  test('a filter on an attribute one type lacks is false for that type (P-GET-10)', async () => {
    await h.call('POST', '/Users', user('root-q@x.test'));
    await h.call('POST', '/Groups', group('Root-Q-Group'));
    const q = encodeURIComponent('userName eq "root-q@x.test" or displayName eq "Root-Q-Group"');
    const r = await h.call('GET', `/?filter=${q}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.Resources.map((x: any) => x.meta.resourceType).sort(), ['Group', 'User']);
  });
});

test('a stop whose last scheduled look at the store fails (a database already gone) still closes the listener and the store', async () => {
  const { server } = await withServer();
  let storeClosed = false;
  const closeStore = server.store.close.bind(server.store);
  server.store.close = () => {
    storeClosed = true;
    closeStore();
  };
  server.scheduler.runDue = async () => {
    throw new Error('Client has encountered a connection error and is not queryable');
  };
  await assert.rejects(server.close(), /not queryable/);
  assert.ok(storeClosed, 'the store was left open: its worker thread would keep the process alive');
  await assert.rejects(fetch(server.url + '/ServiceProviderConfig'), 'the listener still answers');
});
