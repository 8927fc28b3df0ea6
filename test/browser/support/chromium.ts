import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-system-deps.sh; Playwright never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';

export interface Chromium {
  context: BrowserContext;
  /** Requests the page tried to send anywhere but 127.0.0.1 (all refused). */
  outsideRequests: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, no background networking, and no way off 127.0.0.1. */
export async function launchChromium(): Promise<Chromium> {
  await access(CHROMIUM).catch(() => {
    throw new Error(`${CHROMIUM} not found: run scripts/install-system-deps.sh (installs Debian's chromium)`);
  });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'seam-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1600, height: 900 },
  });
  const outsideRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    outsideRequests.push(url.href);
    return route.abort();
  });
  return {
    context,
    outsideRequests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
