import { When } from '@cucumber/cucumber';
import type { SendOptions } from '../http/client.ts';
import type { ScimWorld } from '../world.ts';

/** "K: V" → { K: V } */
function header(line: string): Record<string, string> {
  const i = line.indexOf(':');
  if (i < 1) throw new Error(`a header is written "Name: value", got "${line}"`);
  return { [line.slice(0, i).trim()]: line.slice(i + 1).trim() };
}

/** Paths in steps are written with query strings already encoded where needed; placeholders are filled here. */
function send(world: ScimWorld, method: string, path: string, options: SendOptions = {}) {
  return world.call(method, world.interpolate(path), options);
}

// A scenario's listing may carry {{scope.users}}: a server declining that scope skips it (tolerance declined-scope).
When('I GET {string}', async function (this: ScimWorld, path: string) {
  await send(this, 'GET', path);
  return this.scopeDeclined();
});

When('I DELETE {string}', async function (this: ScimWorld, path: string) {
  await send(this, 'DELETE', path);
});

// A provider rule refusing the scenario's body (a required work email…) skips it (tolerance provider-rule).
When('I POST to {string} with:', async function (this: ScimWorld, path: string, doc: string) {
  await send(this, 'POST', path, { body: this.json(doc) });
  return (await this.scopeDeclined()) ?? this.providerRuleRefused();
});

When('I PUT {string} with:', async function (this: ScimWorld, path: string, doc: string) {
  await send(this, 'PUT', path, { body: this.json(doc) });
  return this.providerRuleRefused();
});

When('I PATCH {string} with:', async function (this: ScimWorld, path: string, doc: string) {
  await send(this, 'PATCH', path, { body: this.json(doc) });
});

When('I POST to {string} with the raw body:', async function (this: ScimWorld, path: string, doc: string) {
  await send(this, 'POST', path, { rawBody: this.interpolate(doc) });
});

When('I send {word} {string} with header {string}', async function (this: ScimWorld, method: string, path: string, line: string) {
  await send(this, method, path, { headers: header(this.interpolate(line)) });
});

When('I send {word} {string} with header {string} and body:', async function (this: ScimWorld, method: string, path: string, line: string, doc: string) {
  await send(this, method, path, { headers: header(this.interpolate(line)), body: this.json(doc) });
});

When('I GET {string} without an Accept header', async function (this: ScimWorld, path: string) {
  await send(this, 'GET', path, { headers: { accept: null } });
});

When('I GET {string} without credentials', async function (this: ScimWorld, path: string) {
  await send(this, 'GET', path, { auth: 'none' });
});

When('I GET {string} with the bearer token {string}', async function (this: ScimWorld, path: string, token: string) {
  await send(this, 'GET', path, { auth: { kind: 'bearer', token: this.interpolate(token) } });
});

When('I GET the body\'s {string}', async function (this: ScimWorld, field: string) {
  const ref = this.resolve(`response.${field}`);
  // A URI reference, possibly relative (tolerance "relative-references").
  const url = this.reference(ref);
  if (!url) this.fail(`a URI reference in ${field}`, ref, `the body's ${field} is not a URI reference`);
  await this.call('GET', url.href);
});
