import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildReport, readEnvelopes, writeReports } from '../../reports/index.ts';
import { fixtureMessages } from './fixtures/generate.ts';

const schemaPath = new URL('../../docs/report.schema.json', import.meta.url);

test('a produced report.json validates against docs/report.schema.json', async () => {
  const report = buildReport(readEnvelopes(await fixtureMessages()), {
    target: 'http://127.0.0.1:9/scim/v2', profile: 'all', strict: true, startedAt: '2026-11-23T10:00:00Z',
    finishedAt: '2026-11-23T10:00:03Z', toolVersion: '0.1.0', seed: 7,
  });
  const dir = mkdtempSync(join(tmpdir(), 'shx-json-'));
  try {
    const written = JSON.parse(readFileSync(writeReports(report, dir).json, 'utf8'));
    assert.deepEqual(written, report);
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    assert.equal(validate(written), true, JSON.stringify(validate.errors ?? [], null, 2));
    // The schema is not vacuous: a failed scenario without its failure is rejected.
    const broken = structuredClone(report);
    delete broken.scenarios.find((s) => s.verdict === 'failed')?.failure;
    assert.equal(validate(broken), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
