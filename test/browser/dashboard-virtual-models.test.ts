import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createAccessKey, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { chromiumPath, ensureWebBuild, hasChromium, launchBrowser, screenshot } from './browser-session.js';

if (!hasChromium) {
  console.warn(`Skipping the virtual model browser tests: ${chromiumPath} is missing.`);
}

const providerKeyValue = 'sk-vm-dashboard-provider-key-0123456789';

describe.skipIf(!hasChromium)('dashboard: virtual models and captured requests', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const nav = (label: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true });

  beforeAll(async () => {
    ensureWebBuild();
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'openai', [providerKeyValue]);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-vm-dashboard-0123456789']);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.adminUrl });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${harness.adminUrl}/ui/`);
    await page.getByLabel('API key').fill(harness.adminToken);
    await page.getByLabel('API key').press('Enter');
    await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await upstream?.close();
  });

  it('shows loading, then an error with a retry, then the empty state', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failing = true;
    await page.route('**/virtual-models?*', async (route) => {
      await held;
      if (!failing) return route.fallback();
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ errorCode: 'internal', statusCode: 500, msg: 'Internal error.', details: {} }),
      });
    });
    await nav('Virtual models').click();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor();
    release();
    const error = page.getByRole('alert').filter({ hasText: 'Could not load this' });
    await error.getByText('Internal error.').waitFor();
    failing = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('No virtual models yet').waitFor();
    await page.unroute('**/virtual-models?*');
    await screenshot(page, 'vm-01-empty');
  });

  it('creates a virtual model, showing the API message for a name that is a catalog model', async () => {
    await page.getByRole('button', { name: 'New virtual model' }).click();
    const dialog = page.getByRole('dialog', { name: 'New virtual model' });
    await dialog.getByLabel('Name').fill('gpt-4o');
    await dialog.getByLabel('Targets').fill('openai:gpt-4o-mini\nclaude-sonnet-5');
    await dialog.getByRole('button', { name: 'Create virtual model' }).click();
    await dialog.getByText('already a catalog model').first().waitFor();
    await screenshot(page, 'vm-02-name-taken');

    await dialog.getByLabel('Name').fill('chat-default');
    await dialog.getByLabel('Description').fill('What the apps call');
    await dialog.getByRole('button', { name: 'Create virtual model' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'chat-default' });
    await row.getByText('openai:gpt-4o-mini → claude-sonnet-5').waitFor();
    await row.getByText('What the apps call').waitFor();
    await screenshot(page, 'vm-03-list');
  });

  it('edits the targets, and the next SDK request follows them', async () => {
    const row = page.getByRole('row').filter({ hasText: 'chat-default' });
    await row.getByRole('button', { name: 'Edit chat-default' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit chat-default' });
    await dialog.getByLabel('Targets').fill('anthropic:claude-sonnet-5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('anthropic:claude-sonnet-5').waitFor();

    const { client } = await createAccessKey(harness);
    const answer = await client.chat.completions.create({
      model: 'chat-default',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.choices[0]?.message.content).toBe('Hello from claude-sonnet-5!');
  });

  it('turns capture on in Settings and shows the captured request with copy-as-curl', async () => {
    await nav('Settings').click();
    const capture = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Request capture' }) });
    await capture.getByLabel('Capture request and response bodies of every access key').check();
    await capture.getByRole('button', { name: 'Save capture settings' }).click();
    await capture.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(
      (await harness.admin<{ captureBodies: boolean }>('GET', '/gateway-config')).body.captureBodies,
    ).toBe(true);

    const { token } = await createAccessKey(harness);
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: token, maxRetries: 0 });
    const { response } = await client.chat.completions
      .create({ model: 'chat-default', messages: [{ role: 'user', content: 'Capture me' }] })
      .withResponse();
    const requestId = response.headers.get('tollgate-request-id') ?? '';

    await nav('Usage').click();
    const logRow = page.getByRole('row').filter({ hasText: requestId });
    await logRow.getByText('via chat-default').waitFor();
    await logRow.getByRole('button', { name: `Attempts of ${requestId}` }).click();
    const dialog = page.getByRole('dialog', { name: `Request ${requestId}` });
    await dialog.getByRole('heading', { name: 'Captured bodies' }).waitFor();
    const body = (summary: string) => dialog.locator('details').filter({ hasText: summary });
    await dialog.getByText('Request: POST /v1/chat/completions').click();
    await body('Request: POST').getByText('Capture me').waitFor();
    await dialog.getByText('Response: 200').click();
    await body('Response: 200').getByText('Hello from claude-sonnet-5!').waitFor();
    await dialog.getByText('Attempt 1: anthropic:claude-sonnet-5 → 200').waitFor();
    await dialog.getByRole('button', { name: 'Copy as curl' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    const curl = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(curl).toContain(`curl "$TOLLGATE_GATEWAY_URL"'/v1/chat/completions'`);
    expect(curl).toContain('Authorization: Bearer $TOLLGATE_ACCESS_KEY');
    expect(curl).toContain('Capture me');
    expect(curl).not.toContain(token);
    expect(await page.content()).not.toContain(token);
    expect(await page.content()).not.toContain(providerKeyValue);
    await screenshot(page, 'vm-04-capture');
    await page.keyboard.press('Escape');
  });

  it('deletes a virtual model', async () => {
    await nav('Virtual models').click();
    const row = page.getByRole('row').filter({ hasText: 'chat-default' });
    await row.getByRole('button', { name: 'Delete chat-default' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete virtual model' });
    await dialog.getByRole('button', { name: 'Delete virtual model' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No virtual models yet').waitFor();
  });
});
