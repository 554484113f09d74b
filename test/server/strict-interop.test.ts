/**
 * The strict (RFC-only) reference server and what real IdPs send (issue 9 items 6 and 7): Okta's group rename
 * repeats the group's own id, which modifies nothing; the hint for removing manager with a value is accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENTERPRISE, group, patch, user, withServer } from './helpers.ts';

describe('strict reference server', () => {
  let ctx: Awaited<ReturnType<typeof withServer>>;
  before(async () => {
    ctx = await withServer({ strict: true });
  });
  after(async () => ctx.server.close());

  test("Okta's rename repeating the group's own id succeeds; a different id is a mutability error", async () => {
    const g = (await ctx.call('POST', '/Groups', group('okta-push-before'))).body;
    const renamed = await ctx.call('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', value: { id: g.id, displayName: 'okta-push-after' } }));
    assert.ok([200, 204].includes(renamed.status), renamed.text);
    assert.equal((await ctx.call('GET', `/Groups/${g.id}`)).body.displayName, 'okta-push-after');
    const other = await ctx.call('PATCH', `/Groups/${g.id}`, patch({ op: 'replace', value: { id: `${g.id}x`, displayName: 'never' } }));
    assert.equal(other.status, 400);
    assert.equal(other.body.scimType, 'mutability');
    assert.equal((await ctx.call('GET', `/Groups/${g.id}`)).body.displayName, 'okta-push-after');
  });

  test('removing manager with a value is refused with a hint that the server then accepts', async () => {
    const boss = (await ctx.call('POST', '/Users', user('strict-boss'))).body;
    const u = (await ctx.call('POST', '/Users', user('strict-report', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], [ENTERPRISE]: { manager: { value: boss.id } } }))).body;
    const refused = await ctx.call('PATCH', `/Users/${u.id}`, patch({ op: 'remove', path: `${ENTERPRISE}:manager`, value: { value: boss.id } }));
    assert.equal(refused.status, 400, refused.text);
    const hint = /\{"op":("[^"]+"),"path":("(?:[^"\\]|\\.)*")/.exec(refused.body.detail);
    assert.ok(hint, refused.body.detail);
    const followed = await ctx.call('PATCH', `/Users/${u.id}`, patch({ op: JSON.parse(hint[1]), path: JSON.parse(hint[2]) }));
    assert.ok([200, 204].includes(followed.status), followed.text);
    assert.equal((await ctx.call('GET', `/Users/${u.id}`)).body[ENTERPRISE]?.manager, undefined);
  });
});
