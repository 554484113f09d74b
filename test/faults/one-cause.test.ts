import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isShapeScenario } from '../../steps/shape.ts';
import { useFaultTarget } from './helpers/fault-target.ts';
import type { FaultHooks } from './proxy.ts';

/**
 * Issue 8 item 9, one cause, one finding: a server with a single shape defect that no scenario checks by name
 * (`userType` sent as a number on every User; RFC 7643 §4.1.1 makes it a string) fails the shape scenarios and
 * only warns in the scenarios whose subject is elsewhere (create, read, delete).
 */
const target = useFaultTarget('one-cause-token');

type Json = Record<string, unknown>;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const withNumericUserType = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withNumericUserType);
  if (!value || typeof value !== 'object') return value;
  const o = value as Json;
  if (Array.isArray(o.Resources)) return { ...o, Resources: o.Resources.map(withNumericUserType) };
  return Array.isArray(o.schemas) && o.schemas.includes(USER) ? { ...o, userType: 42 } : o;
};
const hooks: FaultHooks = { response: (res) => ({ ...res, body: withNumericUserType(res.body) }) };

const runCase = async (caseHooks: FaultHooks, tags: string) => (await target.run(caseHooks, tags)).outcomes;

// Budget: a few dozen scenarios on a loaded 2-core machine.
test('one shape defect fails the shape scenarios and warns in the others', { timeout: 300_000 }, async () => {
  const outcomes = await runCase(hooks, '@S-RES-01 or @P-CREATE-01 or @P-GET-01 or @P-DEL-01');
  const shape = outcomes.filter((o) => isShapeScenario(o.uri, o.tags));
  const others = outcomes.filter((o) => !isShapeScenario(o.uri, o.tags));
  assert.ok(shape.length > 0 && others.length > 0, 'the selection holds both kinds');
  const shapeFailures = shape.filter((o) => o.verdict === 'failed');
  assert.ok(shapeFailures.some((o) => /userType/.test(o.message ?? '')), `no shape scenario failed on userType:\n${shape.map((o) => `${o.verdict} ${o.name}`).join('\n')}`);
  assert.deepEqual(others.filter((o) => o.verdict === 'failed').map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
  assert.ok(others.some((o) => o.verdict === 'warning'), 'the other scenarios carry the defect as a warning');
});

// Discovery defects likewise: an unreadable /ServiceProviderConfig fails the discovery scenario about it, while a
// scenario gated on a feature (PATCH) warns and is tried on its own subject.
test('an unreadable /ServiceProviderConfig fails discovery only and warns elsewhere', { timeout: 300_000 }, async () => {
  const brokenConfig: FaultHooks = {
    response: (res, req) => (/\/ServiceProviderConfigs?(\?|$)/i.test(req.path) ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'oops' } : undefined),
  };
  const outcomes = await runCase(brokenConfig, '@P-DISC-01 or @P-PATCH-04 or @P-CREATE-01');
  const discovery = outcomes.filter((o) => o.tags.includes('@P-DISC-01'));
  const others = outcomes.filter((o) => !o.tags.includes('@P-DISC-01'));
  assert.ok(discovery.length > 0 && discovery.every((o) => o.verdict === 'failed'), discovery.map((o) => `${o.verdict} ${o.name}`).join('\n'));
  assert.deepEqual(others.filter((o) => o.verdict === 'failed' || o.verdict === 'error').map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
  assert.ok(others.some((o) => o.tags.includes('@P-PATCH-04') && o.verdict === 'warning'), 'the PATCH scenario ran and warned');
});
