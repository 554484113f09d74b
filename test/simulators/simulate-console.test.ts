import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { simulateProgress } from '../../cli/simulate-console.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

test('on a terminal each redraw clears the line first, and a finished phase stays on screen at its total', () => {
  const out = new Capture();
  const progress = simulateProgress(out, 'okta', true);
  for (let i = 0; i <= 12; i++) progress('assign users', i, 12);
  for (let i = 0; i <= 3; i++) progress('push groups', i, 3);
  progress.end();
  // What the terminal shows: each line is what follows the last clear on it.
  const screen = plain(out.text).split('\n').filter(Boolean).map((l) => l.split('\r\x1b[2K').at(-1)!.trim());
  assert.deepEqual(screen, [`${'assign users'.padEnd(18)} [${'#'.repeat(30)}] 12/12`, `${'push groups'.padEnd(18)} [${'#'.repeat(30)}] 3/3`]);
  for (const draw of plain(out.text).split(/\r/).slice(1)) assert.ok(draw.startsWith('\x1b[2K'), 'every redraw clears the line');
});

test('in CI a phase prints its start and each quarter, never a line per operation', () => {
  const out = new Capture();
  const progress = simulateProgress(out, 'entra', false);
  for (let i = 0; i <= 100; i++) progress('provision users', i, 100);
  progress('test connection', 0, 1);
  progress('test connection', 1, 1);
  progress.end();
  assert.deepEqual(out.text.trim().split('\n'), [
    'simulate entra: provision users 0/100',
    'simulate entra: provision users 25/100',
    'simulate entra: provision users 50/100',
    'simulate entra: provision users 75/100',
    'simulate entra: provision users 100/100',
    'simulate entra: test connection 0/1',
    'simulate entra: test connection 1/1',
  ]);
});
