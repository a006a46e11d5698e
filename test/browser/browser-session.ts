import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, installed by CI; no browser is ever downloaded. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

export const screenshotDirectory = join(process.cwd(), 'test-artifacts', 'screenshots');

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * The tests drive the real build, so make one when there is none (a checkout where `npm install`'s
 * prepare did not run) or when the web sources changed after it.
 */
export function ensureWebBuild(): void {
  const web = join(process.cwd(), 'web');
  const index = join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((entry) => newestChange(join(web, entry)));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources)) return;
  execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Without the background-networking flags Chromium keeps dialing Google's hosts on this closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}
