import { Given } from '@cucumber/cucumber';
import type { Json, ScimWorld } from '../world.ts';

/** "user A, user B" → the fixtures of those names. */
const fixtureList = (world: ScimWorld, names: string) => names.split(/\s*(?:,|\band\b)\s*/).filter(Boolean).map((n) => world.fixture(n));

Given('a user exists', async function (this: ScimWorld) {
  await this.createUser('user');
});

Given('a user {string} exists', async function (this: ScimWorld, name: string) {
  await this.createUser(name);
});

Given('a user exists with:', async function (this: ScimWorld, doc: string) {
  await this.createUser('user', this.json(doc));
});

Given('a user {string} exists with:', async function (this: ScimWorld, name: string, doc: string) {
  await this.createUser(name, this.json(doc));
});

Given('a user exists with userName {string}', async function (this: ScimWorld, userName: string) {
  await this.createUser('user', { userName: this.interpolate(userName) });
});

Given('{int} users exist', async function (this: ScimWorld, count: number) {
  for (let i = 1; i <= count; i++) await this.createUser(`user ${i}`);
});

Given('a group exists', async function (this: ScimWorld) {
  await this.createGroup('group');
});

Given('a group {string} exists', async function (this: ScimWorld, name: string) {
  await this.createGroup(name);
});

Given('a group exists with:', async function (this: ScimWorld, doc: string) {
  await this.createGroup('group', this.json(doc));
});

Given('a group exists with members {string}', async function (this: ScimWorld, members: string) {
  await this.createGroup('group', {}, fixtureList(this, members));
});

Given('a group {string} exists with members {string}', async function (this: ScimWorld, name: string, members: string) {
  await this.createGroup(name, {}, fixtureList(this, members));
});

Given('the user was deleted', async function (this: ScimWorld) {
  const res = await this.fetch('DELETE', `/Users/${this.fixture('user').id}`);
  this.check(res.status === 204, 204, res.status, `setup failed: DELETE of the user answered ${res.status}`);
});

Given('the response body is remembered as {string}', function (this: ScimWorld, name: string) {
  this.remember(name, this.response.json as Json);
});

Given('I remember the body as {string}', function (this: ScimWorld, name: string) {
  this.remember(name, this.response.json as Json);
});
