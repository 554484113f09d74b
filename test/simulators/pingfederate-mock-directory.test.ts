import { test } from 'node:test';
import { MockDirectory } from '../../simulators/directory/mock-directory.ts';
import { pingConnectorScenario, pingDeleteActionScenario } from './helpers/ping-scenario.ts';

test('PingFederate connector diffs the embedded mock directory (ZPA-01..09)', async () => {
  const dir = await MockDirectory.start();
  try {
    await pingConnectorScenario(dir);
  } finally {
    await dir.close();
  }
});

test('PingFederate connector with Remove User Action = Delete, on the embedded mock directory', async () => {
  const dir = await MockDirectory.start();
  try {
    await pingDeleteActionScenario(dir);
  } finally {
    await dir.close();
  }
});
