import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/** The dashboard's session cookie and CSRF rules, over plain HTTP against the real admin listener. */
describe('dashboard session cookie and CSRF defence', () => {
  const managedKey = 'sk-operator-managed-openai-key-0123456789';
  let harness: Harness;
  let cookie: string;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${harness.adminUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const dashboard = () => ({
    cookie,
    'x-tollgate-csrf': '1',
    origin: harness.adminUrl,
    'sec-fetch-site': 'same-origin',
  });

  beforeAll(async () => {
    harness = await startHarness({ env: { TOLLGATE_MANAGED_OPENAI_API_KEY: managedKey } });
    const response = await call(
      'POST',
      '/ui/session',
      { 'x-tollgate-csrf': '1', origin: harness.adminUrl },
      {
        apiKey: harness.adminToken,
      },
    );
    expect(response.status).toBe(200);
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('signs in into an httpOnly, SameSite=Strict cookie holding the API key, not Secure over plain http', async () => {
    const response = await call(
      'POST',
      '/ui/session',
      { 'x-tollgate-csrf': '1' },
      { apiKey: harness.adminToken },
    );
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tollgate_session=tgapi-/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(await response.json()).toMatchObject({
      accountId: expect.stringMatching(/^acct_/),
      isOperator: true,
    });
  });

  it('refuses a sign-in without the CSRF header (login CSRF) and one with a wrong or misplaced key', async () => {
    expect((await call('POST', '/ui/session', {}, { apiKey: harness.adminToken })).status).toBe(403);
    const wrong = await call(
      'POST',
      '/ui/session',
      { 'x-tollgate-csrf': '1' },
      { apiKey: 'tgapi-nope0000001-g1-Nope' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', {
      name: 'not-for-admin',
    });
    const misplaced = await call(
      'POST',
      '/ui/session',
      { 'x-tollgate-csrf': '1' },
      { apiKey: accessKey.body.token },
    );
    expect(misplaced.status).toBe(401);
    expect((await misplaced.json()) as { errorCode: string }).toMatchObject({ errorCode: 'wrong_key_kind' });
  });

  it('accepts the cookie on the management API for reads without any extra header', async () => {
    const response = await call('GET', '/me', { cookie });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ isOperator: true });
  });

  it('refuses cookie-authenticated changes without the CSRF header, from another origin or another site', async () => {
    const body = { name: 'csrf-probe' };
    expect((await call('POST', '/access-keys', { cookie }, body)).status).toBe(403);
    // Browsers without Fetch Metadata: the Origin decides.
    const { 'sec-fetch-site': _site, ...noFetchMetadata } = dashboard();
    const foreign = { ...noFetchMetadata, origin: 'https://evil.example' };
    expect((await call('POST', '/access-keys', foreign, body)).status).toBe(403);
    expect(
      (await call('POST', '/access-keys', { ...dashboard(), 'sec-fetch-site': 'cross-site' }, body)).status,
    ).toBe(403);
    expect((await call('POST', '/access-keys', dashboard(), body)).status).toBe(201);
    // Behind a TLS-terminating proxy the browser's scheme differs from the one we see: the host decides.
    const proxied = { ...noFetchMetadata, origin: harness.adminUrl.replace('http:', 'https:') };
    expect((await call('POST', '/access-keys', proxied, body)).status).toBe(201);
  });

  it('leaves Bearer API clients alone: no CSRF header needed', async () => {
    const created = await harness.admin('POST', '/access-keys', { name: 'bearer-client' });
    expect(created.status).toBe(201);
  });

  it('stops accepting the cookie once its API key is deleted', async () => {
    const extra = await harness.admin<{ id: string; token: string }>('POST', '/api-keys', {
      name: 'short-lived',
    });
    const signIn = await call(
      'POST',
      '/ui/session',
      { 'x-tollgate-csrf': '1' },
      { apiKey: extra.body.token },
    );
    const extraCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call('GET', '/me', { cookie: extraCookie })).status).toBe(200);
    expect((await harness.admin('DELETE', `/api-keys/${extra.body.id}`)).status).toBe(204);
    expect((await call('GET', '/me', { cookie: extraCookie })).status).toBe(401);
  });

  it('signs out by expiring the cookie', async () => {
    const response = await call('DELETE', '/ui/session', dashboard());
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^tollgate_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('serves the catalog to a signed-in caller with a managed flag and never the managed key', async () => {
    expect((await call('GET', '/ui/api/catalog', {})).status).toBe(401);
    const response = await call('GET', '/ui/api/catalog', { cookie });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(managedKey);
    expect(text).not.toContain('managedKey');
    const catalog = JSON.parse(text) as { providers: Array<{ id: string; managed: boolean }> };
    expect(catalog.providers.find((provider) => provider.id === 'openai')).toMatchObject({ managed: true });
    expect(catalog.providers.find((provider) => provider.id === 'anthropic')).toMatchObject({
      managed: false,
    });
  });
});
