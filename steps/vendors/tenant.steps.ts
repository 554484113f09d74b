import { Given, Then, When } from '@cucumber/cucumber';
import { expectScimError, expectStatus } from '../assertions.ts';
import type { HarnessAuth } from '../parameters.ts';
import type { TenantSpec } from '../setup/index.ts';
import type { ScimWorld } from '../world.ts';
import { adapter, currentTenant, idpCall, idpFetch, needsSetup, tenantNamed, vendor } from './context.ts';

/** Makes a tenant through the setup adapter, names it, and makes it the current one. */
async function makeTenant(world: ScimWorld, name: string, spec: Partial<TenantSpec>, parent?: string): Promise<void> {
  const state = vendor(world);
  const handle = await adapter(world).createTenant({
    name: `${world.params.prefix}${name}`.slice(0, 220),
    provider: spec.provider ?? 'generic',
    authKind: spec.authKind ?? 'bearer',
    settings: spec.settings ?? {},
    ...(parent ? { parent: tenantNamed(world, parent).id } : {}),
    ...(spec.authKind === 'basic' ? { username: world.unique('scim') } : {}),
  });
  state.tenants.set(name.toLowerCase(), handle);
  state.made.push(handle.id);
  state.current = handle;
}

Given('a tenant with settings:', needsSetup(async function (this: ScimWorld, doc: string) {
  await makeTenant(this, 'tenant', { settings: this.json(doc) });
}));

Given('a tenant {string} with settings:', needsSetup(async function (this: ScimWorld, name: string, doc: string) {
  await makeTenant(this, name, { settings: this.json(doc) });
}));

Given('a tenant whose connection serves {string} with {word} credentials', needsSetup(async function (this: ScimWorld, provider: string, kind: string) {
  await makeTenant(this, 'tenant', { provider, authKind: kind as 'bearer' | 'basic' });
}));

Given('a tenant whose connection serves {string} with settings:', needsSetup(async function (this: ScimWorld, provider: string, doc: string) {
  await makeTenant(this, 'tenant', { provider, settings: this.json(doc) });
}));

Given('a child organization {string} of {string} with settings:', needsSetup(async function (this: ScimWorld, name: string, parent: string, doc: string) {
  const before = vendor(this).current;
  await makeTenant(this, name, { settings: this.json(doc) }, parent);
  // A child organization is made for the parent's sake: the IdP keeps talking to the parent.
  vendor(this).current = before;
}));

Given('the settings of tenant {string} become:', needsSetup(async function (this: ScimWorld, name: string, doc: string) {
  await adapter(this).updateSettings(tenantNamed(this, name).id, this.json(doc));
}));

// ---------- requests addressed to a tenant ----------

When('in tenant {string} I GET {string}', async function (this: ScimWorld, name: string, path: string) {
  await idpCall(this, 'GET', path, {}, tenantNamed(this, name));
});

When('in the tenant I GET {string}', async function (this: ScimWorld, path: string) {
  await idpCall(this, 'GET', path);
});

When('I GET {string} at the endpoint of tenant {string} with the credentials of tenant {string}', async function (this: ScimWorld, path: string, at: string, as: string) {
  await this.call('GET', `${tenantNamed(this, at).target}${this.interpolate(path)}`, { auth: tenantNamed(this, as).auth });
});

When('in the tenant I GET {string} with a wrong password', async function (this: ScimWorld, path: string) {
  const auth = currentTenant(this).auth;
  const user = auth.kind === 'basic' ? auth.user : 'scim';
  await idpCall(this, 'GET', path, { auth: { kind: 'basic', user, pass: 'not-the-password' } });
});

When('in the tenant I GET {string} with the previous credentials', async function (this: ScimWorld, path: string) {
  await idpCall(this, 'GET', path, { auth: vendor(this).previousAuth! });
});

Then('in the tenant a GET of {string} with the new credentials answers {int}', async function (this: ScimWorld, path: string, status: number) {
  expectStatus(this, await idpFetch(this, 'GET', path), [status]);
});

Then('in the tenant a GET of {string} answers {int}', async function (this: ScimWorld, path: string, status: number) {
  expectStatus(this, await idpFetch(this, 'GET', path), [status]);
});

// PRV-10/PRV-15 leave the choice between 403 and 405; what matters is a SCIM error, not a silent 204.
Then('the response is a refusal: a SCIM error with status 403 or 405', function (this: ScimWorld) {
  expectScimError(this, this.response, [403, 405]);
  this.note(`the product refused with ${this.response.status} (403 and 405 are both accepted)`);
});

// ---------- connections ----------

When('the tenant\'s connection is switched to provider {string}', needsSetup(async function (this: ScimWorld, provider: string) {
  const tenant = currentTenant(this);
  const fresh: HarnessAuth = await adapter(this).changeProvider(tenant.id, provider);
  vendor(this).previousAuth = tenant.auth;
  tenant.auth = fresh;
}));

Then('the stored form of the tenant\'s connection does not contain its secret', needsSetup(async function (this: ScimWorld) {
  const tenant = currentTenant(this);
  const stored = JSON.stringify(await adapter(this).storedConnection(tenant.id));
  const secret = tenant.auth.kind === 'bearer' ? tenant.auth.token : tenant.auth.kind === 'basic' ? tenant.auth.pass : '';
  this.check(secret !== '' && !stored.includes(secret), 'a stored form without the secret', stored.replaceAll(secret, '***'),
    'the connection secret is stored in plain text');
  // A token's hash (hex or base64 of it) must not be the token itself in another encoding either.
  const encodings = [Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')];
  this.check(!encodings.some((e) => stored.includes(e)), 'no encoding of the secret', 'an encoded copy of the secret', 'the secret is stored merely encoded');
}));

// ---------- organization tree (INC-01) ----------

// A child organization has its own SCIM endpoint; the IdP of a scenario may be pointed at it.
Given('the IdP provisions into tenant {string}', function (this: ScimWorld, name: string) {
  vendor(this).current = tenantNamed(this, name);
});

Then('an organization named {int} characters long is {word}', needsSetup(async function (this: ScimWorld, length: number, verdict: string) {
  // Carries the run prefix whenever it fits, so an accepted name is recognisably this run's.
  const name = `${this.params.prefix}${'x'.repeat(length)}`.slice(0, length);
  const refusal = await adapter(this).refusedTenantName(name);
  if (verdict === 'refused') this.check(refusal !== null, 'a refusal', 'accepted', `an organization name of ${length} characters was accepted`);
  else this.check(refusal === null, 'accepted', refusal, `an organization name of ${length} characters was refused: ${refusal}`);
}));

