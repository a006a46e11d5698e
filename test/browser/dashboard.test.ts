import OpenAI from 'openai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { chromiumPath, ensureWebBuild, hasChromium, launchBrowser, screenshot } from './browser-session.js';

if (!hasChromium) {
  console.warn(
    `Skipping the dashboard browser tests: ${chromiumPath} is missing (apt-get install -y chromium).`,
  );
}

const providerKeyValue = 'sk-dashboard-test-provider-key-0123456789';

describe.skipIf(!hasChromium)('dashboard in headless Chromium against the real admin listener', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accessToken = '';

  const ui = (route = '') => `${harness.adminUrl}/ui/${route}`;
  const nav = (label: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true });
  const sdk = () => new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: accessToken, maxRetries: 0 });

  beforeAll(async () => {
    ensureWebBuild();
    upstream = await startFakeUpstream();
    harness = await startHarness({
      upstreamUrl: upstream.url,
      env: { TOLLGATE_UPSTREAM_ALLOWLIST: '127.0.0.2' },
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.adminUrl });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await upstream?.close();
  });

  it('asks for an API key, then signs in into an httpOnly, SameSite=Strict cookie', async () => {
    await page.goto(ui());
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await page
      .getByLabel('API key')
      .fill('tgapi-notakey0000001-g1-WrongSecret0123456789abcdefghijklmnopqrstuvw');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid or has been deleted' }).waitFor();
    await screenshot(page, '01-sign-in');

    await page.getByLabel('API key').fill(harness.adminToken);
    await page.getByLabel('API key').press('Enter');
    await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
    await page.getByText('No access keys yet').waitFor();

    const [cookie] = await context.cookies(harness.adminUrl);
    expect(cookie).toMatchObject({ name: 'tollgate_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it('adds an OpenAI provider key and never shows its value', async () => {
    await nav('Provider keys').click();
    await page.getByText('No provider keys yet').waitFor();
    await page.getByRole('button', { name: 'Add provider key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add provider key' });
    await dialog.getByLabel('Provider').selectOption('openai');
    await dialog.getByLabel('Name').fill('main');
    await dialog.getByLabel('Key value').fill(providerKeyValue);
    await dialog.getByRole('button', { name: 'Add key' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'main' });
    await row.getByText('sk-dashboa***6789').waitFor();
    expect(await page.content()).not.toContain(providerKeyValue);
    await screenshot(page, '02-provider-keys');
  });

  it('creates a configuration, showing the API validation message at the field first', async () => {
    await nav('Configurations').click();
    await page.getByText('No configurations yet').waitFor();
    await screenshot(page, '03-configurations-empty');
    await page.getByRole('button', { name: 'New configuration' }).click();
    await page.getByRole('heading', { name: 'New configuration' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('sdk-apps');
    await page.getByLabel('Only allow these providers').check();
    await page
      .getByRole('group', { name: 'Allowed providers' })
      .getByLabel(/^OpenAI/)
      .check();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rule 1' }) });
    await rule.getByLabel('Provider').selectOption('openai');
    await page.getByLabel('Requests per minute').fill('0');

    // Saved with no key chosen and a zero rate: the API refuses, and says so at both fields.
    await page.getByRole('button', { name: 'Create configuration' }).click();
    const limitField = page.locator('.field').filter({ has: page.getByLabel('Requests per minute') });
    await limitField.locator('.field-error').waitFor();
    await screenshot(page, '04-configuration-validation');

    await page.getByLabel('Requests per minute').fill('600');
    await rule
      .getByLabel('Key 1', { exact: true })
      .selectOption({ label: 'openai · main (sk-dashboa***6789)' });
    await page.getByLabel('Limit spend').check();
    await page.getByLabel('Spend limit (USD)').fill('25');
    await page.getByRole('button', { name: 'Create configuration' }).click();

    await page.getByRole('heading', { name: 'Configurations', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'sdk-apps' });
    await row.getByText('1 rule').waitFor();
    await row.getByText('600 req/min, $25.00 / month').waitFor();
    await screenshot(page, '05-configurations');

    await row.getByRole('link', { name: 'sdk-apps' }).click();
    await page.getByRole('heading', { name: 'Edit configuration' }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('sdk-apps');
    await screenshot(page, '06-configuration-editor');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates an access key and shows its token exactly once', async () => {
    await nav('Keys').click();
    await page.getByRole('button', { name: 'New access key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New access key' });
    await dialog.getByLabel('Name').fill('sdk-app');
    await dialog.getByLabel('Configuration').selectOption({ label: 'sdk-apps' });
    await dialog.getByLabel('Name').press('Enter');

    const created = page.getByRole('dialog', { name: 'Access key created' });
    const tokenInput = created.getByTestId('new-token');
    await tokenInput.waitFor();
    accessToken = await tokenInput.inputValue();
    expect(accessToken).toMatch(/^tg-[A-Za-z0-9]+-g1-[A-Za-z0-9]{43,}$/);
    await created.getByText('It will not be shown again').waitFor();
    await created.getByRole('button', { name: 'Copy' }).click();
    await created.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(accessToken);
    await screenshot(page, '07-access-key-token');

    await created.getByRole('button', { name: 'Done' }).click();
    await created.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'sdk-app' });
    await row.getByText('sdk-apps').waitFor();
    await row.getByText(`…${accessToken.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(accessToken);

    // Opening the dialog again starts a new key; Escape closes it.
    await page.getByRole('button', { name: 'New access key' }).click();
    await page.getByRole('dialog', { name: 'New access key' }).waitFor();
    expect(await page.content()).not.toContain(accessToken);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, '08-keys');
  });

  it('serves the token to the OpenAI SDK and shows the request and its attempts in Usage', async () => {
    const { data, response } = await sdk()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from gpt-4o-mini!');
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    expect(requestId).toMatch(/^rq_/);

    await nav('Usage').click();
    const logRow = page.getByRole('row').filter({ hasText: requestId });
    await logRow.waitFor();
    await logRow.getByText('openai:gpt-4o-mini').waitFor();
    await logRow.getByText('sdk-app').waitFor();
    await page.getByRole('img', { name: /^Requests per day/ }).waitFor();
    await screenshot(page, '09-usage');

    await page.getByLabel('Group by').selectOption('accessKey');
    await page.locator('.legend').getByText('sdk-app').waitFor();

    await logRow.getByRole('button', { name: `Attempts of ${requestId}` }).click();
    const attempts = page.getByRole('dialog', { name: `Request ${requestId}` });
    await attempts.getByText('Served').waitFor();
    // The charge, component by component: a BYOK key pays no model price here, only the fee (0).
    const charge = attempts.getByRole('region', { name: 'Attempt 1 charge' });
    await charge
      .getByRole('row')
      .filter({ hasText: 'Processing fee (all tokens)' })
      .getByText('18')
      .waitFor();
    await charge
      .getByRole('row')
      .filter({ hasText: /^Input/ })
      .getByText('11')
      .waitFor();
    await screenshot(page, '10-request-attempts');
    await page.keyboard.press('Escape');
    await attempts.waitFor({ state: 'detached' });
  });

  it('shows the provider catalog with BYOK state, and adds a custom provider after a refused base URL', async () => {
    await nav('Providers').click();
    const openai = page.getByRole('row').filter({ hasText: 'openai' }).first();
    await openai.getByText('1 key').waitFor();
    await page.getByText('No custom providers').waitFor();

    await page.getByRole('button', { name: 'Add custom provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add custom provider' });
    await dialog.getByLabel('Provider id').fill('local-llm');
    await dialog.getByLabel('Name').fill('Local LLM');
    await dialog.getByLabel('Base URL').fill('http://10.0.0.1/v1');
    await dialog.getByLabel('Models').fill('llama3\nqwen2');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await dialog
      .locator('.field')
      .filter({ has: page.getByLabel('Base URL') })
      .locator('.field-error')
      .waitFor();
    await screenshot(page, '11-custom-provider-validation');

    await dialog.getByLabel('Base URL').fill('http://127.0.0.2:9/v1');
    await dialog.getByRole('button', { name: 'Add provider' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'local-llm' }).getByText('llama3, qwen2').waitFor();
    await screenshot(page, '12-providers');
  });

  it('lets the operator grant credits and shows the balance and the grant with its expiry', async () => {
    await nav('Credits').click();
    await page.getByRole('heading', { name: 'Credits', level: 1 }).waitFor();
    await page.getByText('No credit grants yet').waitFor();
    await page.getByRole('button', { name: 'Grant credits' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant credits' });
    await dialog.getByLabel('Account').selectOption({ index: 0 });
    await dialog.getByLabel('Amount (USD)').fill('12.5');
    await dialog.getByLabel('Category').selectOption('promotional');
    await dialog.getByLabel('Expiry').selectOption('date');
    await dialog.getByLabel('Expires on (UTC, end of day)').fill('2099-12-31');
    await screenshot(page, '13-grant-credits');
    await dialog.getByRole('button', { name: 'Grant credits' }).click();
    await dialog.waitFor({ state: 'detached' });

    const grant = page.getByRole('row').filter({ hasText: 'Grant (promotional)' });
    await grant.getByText('+$12.50').waitFor();
    await grant.getByText(/2099/).waitFor();
    await page.locator('.stat').filter({ hasText: 'Available' }).getByText('$12.50').waitFor();
    await screenshot(page, '14-credits');
  });

  it('saves settings and shows a bad duration at its field', async () => {
    await nav('Settings').click();
    const perAttempt = page.getByLabel('Timeout per attempt');
    await perAttempt.fill('soon');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.field').filter({ has: perAttempt }).locator('.field-error').waitFor();
    await perAttempt.fill('45s');
    await page.getByLabel('Max output tokens').fill('4096');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await harness.admin<{ perRequestTimeout: string; maxOutputTokens: number }>(
      'GET',
      '/gateway-config',
    );
    expect(saved.body).toMatchObject({ perRequestTimeout: '45s', maxOutputTokens: 4096 });
    await page.getByRole('row').filter({ hasText: 'this session' }).waitFor();
    await screenshot(page, '15-settings');
  });

  it('revokes the access key after confirmation, and the next SDK call is refused with 401', async () => {
    await nav('Keys').click();
    await page.getByRole('button', { name: 'Revoke sdk-app' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke access key' });
    await screenshot(page, '16-revoke-confirmation');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('No access keys yet').waitFor();

    const refused = await sdk()
      .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
  });

  it('shows an error state with a retry when an API call fails', async () => {
    let failing = true;
    await page.route('**/credits/balance', (route) =>
      failing
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              errorCode: 'internal',
              statusCode: 500,
              msg: 'Internal error.',
              details: {},
            }),
          })
        : route.fallback(),
    );
    await nav('Credits').click();
    const error = page.getByRole('alert').filter({ hasText: 'Could not load this' });
    await error.getByText('Internal error.').waitFor();
    await screenshot(page, '17-error-state');
    failing = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.stat').filter({ hasText: 'Available' }).waitFor();
    await page.unroute('**/credits/balance');
  });

  it('signs out and clears the cookie', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await context.cookies(harness.adminUrl)).toEqual([]);
    await page.goto(ui('keys'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
