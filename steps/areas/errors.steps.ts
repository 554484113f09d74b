import { Given, Then, When } from '@cucumber/cucumber';
import { SCIM_TYPES } from '../../scim/json-schema/index.ts';
import { bodyOf, expectScimError, expectStatus } from '../assertions.ts';
import { judgeScimError } from '../error-verdict.ts';
import { tolerance } from '../tolerances.ts';
import type { ScimWorld } from '../world.ts';

/** Error responses (RFC 7644 §3.12), protocol version (§3.13) and /Me (§3.11). */

Then('the error\'s scimType, if any, is a keyword of RFC 7644 and detail is a string', function (this: ScimWorld) {
  const body = bodyOf(this);
  if (body.scimType !== undefined) {
    this.check((SCIM_TYPES as readonly string[]).includes(String(body.scimType)), SCIM_TYPES, body.scimType, `scimType ${JSON.stringify(body.scimType)} is not an RFC 7644 keyword`);
  }
  if (body.detail !== undefined) this.check(typeof body.detail === 'string', 'a string', body.detail, 'detail is not a string');
});

/**
 * P-ERR-09: malformed input never gets a 5xx. A 4xx must be a SCIM Error (RFC 7644 §3.12 MUST); a 2xx is leniency,
 * which only the SHOULD of §3.12 Table 8 speaks against (tolerance lenient-malformed-input): a warning here, judged
 * as such by the scenarios about the body's schema (S-RES-03). Anything else (a 5xx, a redirect) fails.
 */
Then('the response is not a server error: a SCIM client error, or an acceptance with a warning', function (this: ScimWorld) {
  const status = this.response.status;
  if (status >= 200 && status < 300) {
    this.warn(`malformed input was accepted (HTTP ${status}) rather than refused with 400 (${tolerance('lenient-malformed-input').clause.split('; P-ERR-09')[0]})`);
    return;
  }
  this.check(status >= 400 && status < 500, '4xx (or a lenient 2xx)', status, `malformed input answered ${status}, not a 4xx`);
  expectScimError(this, this.response, [status]);
});

/** The target's base URL with its version segment swapped, e.g. …/scim/v2 → …/scim/v3. */
function withVersion(world: ScimWorld, version: string): string | undefined {
  const m = /^(.*)\/v2$/i.exec(world.params.target);
  return m ? `${m[1]}/${version}` : undefined;
}

Given('the target URL ends with a v2 version segment', function (this: ScimWorld) {
  if (!withVersion(this, 'v3')) return this.skip('the target URL has no /v2 segment, so another version cannot be addressed');
});

Given('the target URL has no version segment', function (this: ScimWorld) {
  if (withVersion(this, 'v3')) return this.skip('the target URL already ends with /v2');
});

When('I GET {string} under protocol version {word}', async function (this: ScimWorld, path: string, version: string) {
  const base = withVersion(this, version) ?? `${this.params.target}/${version}`;
  await this.call('GET', base + this.interpolate(path));
});

/**
 * RFC 7644 §3.13: "service providers MUST perform the operation using the desired version or reject the request";
 * Table 9 names invalidVers for the rejection. A server with no version routing at all answers 404 (rfc-requirements.md
 * P-ERR-06), and outside its service root that 404 may come from whatever else serves the host (an HTML page from the
 * web framework): rejected either way, so a warning (tolerance version-outside-root). A 2xx or any other status fails.
 */
Then('the response is an invalidVers error, or a 404 with a warning', function (this: ScimWorld) {
  const res = this.response;
  if (res.status === 404) {
    const scim = judgeScimError(res, { statuses: [404] }).failures.length === 0;
    this.warn(scim
      ? 'an unsupported protocol version answered 404 (no version routing) instead of 400 invalidVers'
      : `an unsupported protocol version answered 404 without a SCIM Error body (${res.headers['content-type'] ?? 'no Content-Type'}): `
        + `the path lies outside the SCIM service root, so the request was rejected but not by the SCIM service (${tolerance('version-outside-root').clause})`);
    return;
  }
  expectScimError(this, res, [400], ['invalidVers']);
});

// ---------- /Me ----------

/**
 * RFC 7644 §3.11: served (200), redirected (308), 501 when unsupported, or (tolerance me-404-no-resource) a 404
 * SCIM error when the token's subject, such as a service account, has no resource. The choice is recorded.
 */
Then('\\/Me is served, redirected, or answered with a SCIM error 501 or 404', function (this: ScimWorld) {
  const status = this.response.status;
  if (status === 501 || status === 404) {
    expectScimError(this, this.response, [status]);
    if (status === 404) this.note(`/Me answered 404: the token's subject has no resource (${tolerance('me-404-no-resource').clause.split(' (')[0]})`);
    return;
  }
  expectStatus(this, this.response, [200, 308, 501]);
  this.note(status === 200 ? '/Me is served directly' : '/Me redirects with 308');
});

Given('the response is a 308 redirect', function (this: ScimWorld) {
  if (this.response.status !== 308) return this.skip(`/Me answered ${this.response.status}, not a 308 redirect`);
});

Given('the response serves \\/Me directly', function (this: ScimWorld) {
  if (this.response.status !== 200) return this.skip(`/Me answered ${this.response.status}: not served directly`);
});

Then('the Location header leads to a resource', async function (this: ScimWorld) {
  const location = this.response.headers.location;
  this.check(location !== undefined, 'a Location header', null, 'the 308 has no Location header');
  const url = this.headerLocation();
  this.check(url !== undefined, 'a URI reference', location ?? null, 'the Location header is not a URI reference');
  const res = await this.fetch('GET', url!.href);
  expectStatus(this, res, [200]);
  this.check(typeof bodyOf(this, res).id === 'string', 'a resource with an id', res.json, 'Location does not lead to a resource');
});

Then('the Location header is the URI of the resource in the body', function (this: ScimWorld) {
  const location = this.response.headers.location;
  const id = String(bodyOf(this).id);
  this.check(location !== undefined && this.headerLocation()?.pathname.endsWith(`/Users/${encodeURIComponent(id)}`) === true, `…/Users/${id}`, location ?? null,
    '/Me served directly needs a Location header with the permanent URI of the resource');
});
