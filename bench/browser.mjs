// The headless Chromium the whole-app benchmarks (run-app-bench, run-adversarial-browser)
// measure in: one set of flags, so that their figures come from the same browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Flags for a quiet, repeatable browser: no GPU (as CI has none), no QUIC, and none of
 * Chromium's own background traffic competing with the page. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A persistent headless context in a fresh profile (`CHROME_BIN` or Debian's chromium),
 * with `extraArgs` before the common flags. `close()` closes it and removes the profile. */
export async function launchBenchContext(extraArgs = []) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: [...extraArgs, ...CHROMIUM_ARGS],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}
