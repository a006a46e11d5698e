import OpenAI from 'openai';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createAccessKey, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { chromiumPath, ensureWebBuild, hasChromium, launchBrowser, screenshot } from './browser-session.js';

if (!hasChromium) {
  console.warn(
    `Skipping the firewall dashboard tests: ${chromiumPath} is missing (apt-get install -y chromium).`,
  );
}

describe.skipIf(!hasChromium)('the Firewall page in headless Chromium', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  const ui = (route = '') => `${harness.adminUrl}/ui/${route}`;
  const nav = (label: string) =>
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true });

  beforeAll(async () => {
    ensureWebBuild();
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'openai', ['sk-firewall-dashboard-0123456789']);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(ui());
    await page.getByLabel('API key').fill(harness.adminToken);
    await page.getByLabel('API key').press('Enter');
    await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await upstream?.close();
  });

  it('shows loading, then an error with a retry, then the empty list', async () => {
    // Each listing waits here until the test lets it answer, so the loading state can be seen.
    const gate: { release: (() => void) | undefined } = { release: undefined };
    let failing = true;
    const answerListing = async () => {
      await expect.poll(() => gate.release !== undefined).toBe(true);
      const release = gate.release;
      gate.release = undefined;
      release?.();
    };
    const handler = async (route: Route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      await new Promise<void>((resolve) => {
        gate.release = resolve;
      });
      if (!failing) return route.fallback();
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ errorCode: 'internal', statusCode: 500, msg: 'Internal error.', details: {} }),
      });
    };
    await page.route('**/firewall-policies?*', handler);
    await nav('Firewall').click();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor();
    await answerListing();
    const error = page.getByRole('alert').filter({ hasText: 'Could not load this' });
    await error.getByText('Internal error.').waitFor();
    failing = false;
    await error.getByRole('button', { name: 'Try again' }).click();
    await answerListing();
    await page.getByText('No firewall policies yet').waitFor();
    await page.unroute('**/firewall-policies?*', handler);
    await screenshot(page, 'firewall-01-empty');
  });

  it('creates a policy, showing an invalid pattern at its field first', async () => {
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New firewall policy' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('agents');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rule 1' }) });
    await rule.getByLabel('Rule name').fill('no-paris');
    await rule.getByLabel('Request: advertised tools and tool results').uncheck();
    await rule.getByLabel('Arguments pattern').fill('Par(is');
    await page.getByRole('button', { name: 'Create policy' }).click();
    const patternField = rule.locator('.field').filter({ has: page.getByLabel('Arguments pattern') });
    await patternField
      .locator('.field-error')
      .getByText(/not a valid regular expression/)
      .waitFor();
    await screenshot(page, 'firewall-02-validation');

    await rule.getByLabel('Arguments pattern').fill('Par(is)');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'Firewall', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'agents' });
    await row.getByText('Enforce').waitFor();
    await row.getByText('no-paris (block)').waitFor();
    await screenshot(page, 'firewall-03-list');
  });

  it('edits the policy into a dry run', async () => {
    const row = page.getByRole('row').filter({ hasText: 'agents' });
    await row.getByRole('link', { name: 'agents' }).click();
    await page.getByRole('heading', { name: 'Edit firewall policy' }).waitFor();
    expect(await page.getByLabel('Rule name').inputValue()).toBe('no-paris');
    await page.getByLabel('Mode', { exact: true }).selectOption('dry_run');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Firewall', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'agents' }).getByText('Dry run').waitFor();
  });

  it('attaches the policy to a configuration, and the request log shows its decision', async () => {
    await nav('Configurations').click();
    await page.getByRole('button', { name: 'New configuration' }).click();
    await page.getByLabel('Name', { exact: true }).fill('firewalled');
    await page.getByLabel('Firewall policy').selectOption({ label: 'agents' });
    await page.getByRole('button', { name: 'Create configuration' }).click();
    await page.getByRole('heading', { name: 'Configurations', level: 1 }).waitFor();

    const configurations = await harness.admin<{ aiGatewayAccessKeyConfigurations: Array<{ id: string }> }>(
      'GET',
      '/access-key-configurations',
    );
    const [configuration] = configurations.body.aiGatewayAccessKeyConfigurations;
    const { token } = await createAccessKey(harness, configuration?.id);
    const openai = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: token, maxRetries: 0 });
    const { response } = await openai.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
      })
      .withResponse();
    const requestId = response.headers.get('tollgate-request-id') ?? '';

    await nav('Usage').click();
    const logRow = page.getByRole('row').filter({ hasText: requestId });
    await logRow.getByText('Would block').waitFor();
    await logRow.getByText('no-paris').waitFor();
    await screenshot(page, 'firewall-04-request-log');
    await logRow.getByRole('button', { name: `Attempts of ${requestId}` }).click();
    const attempts = page.getByRole('dialog', { name: `Request ${requestId}` });
    await attempts.getByText('Would block').waitFor();
    await page.keyboard.press('Escape');
    await attempts.waitFor({ state: 'detached' });
  });

  it('refuses to delete an attached policy, then deletes it once detached', async () => {
    await nav('Firewall').click();
    const row = page.getByRole('row').filter({ hasText: 'agents' });
    await row.getByRole('button', { name: /Delete/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete policy' }).click();
    await dialog.getByText(/still attached/).waitFor();
    await page.keyboard.press('Escape');

    const configurations = await harness.admin<{ aiGatewayAccessKeyConfigurations: Array<{ id: string }> }>(
      'GET',
      '/access-key-configurations',
    );
    for (const configuration of configurations.body.aiGatewayAccessKeyConfigurations) {
      await harness.admin('PATCH', `/access-key-configurations/${configuration.id}`, {
        firewallPolicyId: null,
      });
    }
    await row.getByRole('button', { name: /Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete policy' }).click();
    await page.getByText('No firewall policies yet').waitFor();
  });
});
