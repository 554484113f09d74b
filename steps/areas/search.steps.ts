import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { expectEqual, expectScimError, expectStatus } from '../assertions.ts';
import { isRefusal } from '../error-verdict.ts';
import type { Exchange } from '../http/exchange.ts';
import { getPath } from '../interpolate.ts';
import { listedResources } from '../listing.ts';
import type { ScimWorld } from '../world.ts';
import { idsOf } from './filter.steps.ts';

/**
 * POST /.search (RFC 7644 §3.4.3). /ServiceProviderConfig has no flag for it, so support is probed: 404, 405 or
 * 501 on a well-formed SearchRequest means "not offered" and the scenario is skipped (P-SEARCH-01).
 */

const NOT_OFFERED = [404, 405, 501];

const notOffered = (res: Exchange) => NOT_OFFERED.includes(res.status);

Given('the server answers POST .search on {string}', async function (this: ScimWorld, path: string) {
  const res = await this.fetch('POST', `${this.interpolate(path)}/.search`, { body: { schemas: [URN.SearchRequest], startIndex: 1, count: 1 } });
  if (notOffered(res)) return this.skip(`POST ${path}/.search answered ${res.status}: searching by POST is not offered`);
});

// P-SEARCH-05 (MAY): a server-root search spanning types; declining it (or refusing it as tooMany) is legal.
Then('the root search finds {string}, or is declined', async function (this: ScimWorld, name: string) {
  const res = this.response;
  // tooMany (RFC 7644 §3.4.2) or no scimType at all (OPTIONAL, §3.12): declined either way.
  if (notOffered(res) || (res.status === 400 && [undefined, 'tooMany'].includes(getPath(res.json, 'scimType') as string | undefined))) {
    return this.skip(`POST /.search at the server root answered ${res.status}: not offered`);
  }
  expectStatus(this, res, [200]);
  const ids = (await listedResources(this)).map((r) => r.id);
  expectEqual(this, ids, idsOf(this, name), `the root search did not find exactly ${name}`);
});

// P-SEARCH-06 (MAY): only a 403 sensitive refusal is checked further; then .search must answer the same filter.
Then('if the GET was refused as sensitive, POST .search with the same filter finds {string}', async function (this: ScimWorld, name: string) {
  const res = this.response;
  // RFC 7644 §7.5.2: the 403 is the refusal; the scimType "sensitive" only "may be returned".
  if (!isRefusal(res, [403], ['sensitive'])) {
    return this.skip(`the GET filter was not refused as sensitive (HTTP ${res.status}); nothing to check`);
  }
  expectScimError(this, res, [403], ['sensitive']);
  const filter = new URL(res.request.url).searchParams.get('filter');
  const search = await this.fetch('POST', '/Users/.search', { body: { schemas: [URN.SearchRequest], filter } });
  expectStatus(this, search, [200]);
  expectEqual(this, (await listedResources(this, search)).map((r) => r.id), idsOf(this, name), `POST .search with the refused filter did not find exactly ${name}`);
});
