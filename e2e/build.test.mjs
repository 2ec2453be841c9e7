// The app build takes its corpus from $STANCE_CORPUS; a corpus that fails `stance check`
// fails the build with the same messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const check = (corpus) => spawnSync('cargo', ['check', '-q', '-p', 'stance', '--target', 'wasm32-unknown-unknown'], {
  cwd: ROOT,
  env: { ...process.env, STANCE_CORPUS: corpus },
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});

test('a bad corpus fails the app build with file, line and fix', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bad-corpus-'));
  const fixture = path.join(ROOT, 'core/tests/fixtures/second');
  for (const f of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, f), path.join(dir, f));
  const toml = fs.readFileSync(path.join(dir, 'stance.toml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'stance.toml'), toml.replace(/speakers = \["krutskikh"\]/, 'speakers = ["nobody"]'));
  assert.notEqual(toml, fs.readFileSync(path.join(dir, 'stance.toml'), 'utf8'), 'the fixture was broken');
  const r = check(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.notEqual(r.status, 0, 'the build must fail');
  assert.match(r.stdout + r.stderr, /stance\.toml:\d+: document '[^']+' names actor 'nobody', which is not defined \(fix: /);
});

test('another good corpus builds', () => {
  const r = check(path.join(ROOT, 'core/tests/fixtures/second'));
  assert.equal(r.status, 0, r.stderr);
});
