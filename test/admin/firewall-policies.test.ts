import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

const rule = { name: 'no-shell', stages: ['request'], tools: ['shell'], action: 'block' };

describe.each(dialects)('/firewall-policies (%s)', (dialect) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ dialect });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('creates a policy in enforce mode by default, reads and edits it', async () => {
    const created = await harness.admin<Record<string, unknown>>('POST', '/firewall-policies', {
      name: 'agents',
      rules: [rule],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'agents', mode: 'enforce', rules: [rule] });
    expect(created.body.id).toMatch(/^aigfp_/);
    const patched = await harness.admin('PATCH', `/firewall-policies/${String(created.body.id)}`, {
      mode: 'dry_run',
    });
    expect(patched.body).toMatchObject({ mode: 'dry_run', rules: [rule] });
  });

  it('puts the default mode back on `mode: null`, keeps the name on `name: null`, and clears the description', async () => {
    const created = await harness.admin<{ id: string }>('POST', '/firewall-policies', {
      name: 'defaults',
      description: 'to clear',
      mode: 'dry_run',
      rules: [rule],
    });
    const path = `/firewall-policies/${created.body.id}`;
    const patched = await harness.admin<Record<string, unknown>>('PATCH', path, {
      mode: null,
      description: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'defaults', mode: 'enforce', rules: [rule] });
    expect(patched.body).not.toHaveProperty('description');
    const unnamed = await harness.admin<Record<string, unknown>>('PATCH', path, { name: null });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ details: { name: 'cannot be cleared' } });
  });

  it('refuses an invalid regular expression at write time, naming the field', async () => {
    const refused = await harness.admin<Record<string, unknown>>('POST', '/firewall-policies', {
      name: 'bad',
      rules: [{ name: 'bad-regex', stages: ['response'], argumentsPattern: '([a-z]+', action: 'block' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode: 'validation_failed' });
    expect((refused.body.details as Record<string, string>)['rules.0.argumentsPattern']).toMatch(
      /not a valid regular expression/,
    );
  });

  it('refuses a backreference, which no linear-time engine can run', async () => {
    const refused = await harness.admin('POST', '/firewall-policies', {
      name: 'bad',
      rules: [{ name: 'backref', stages: ['response'], argumentsPattern: '(a)\\1', action: 'block' }],
    });
    expect(refused.status).toBe(400);
  });

  it('refuses rules that could never match and duplicate rule names', async () => {
    const cases = [
      [{ name: 'empty', stages: ['request'], action: 'block' }],
      [{ name: 'strip-response', stages: ['response'], tools: ['x'], action: 'strip' }],
      [rule, rule],
    ];
    for (const rules of cases) {
      const refused = await harness.admin('POST', '/firewall-policies', { name: 'bad', rules });
      expect(refused.status, JSON.stringify(rules)).toBe(400);
    }
  });

  it('attaches to configurations of its account only, and cannot be deleted while attached', async () => {
    const policy = await harness.admin<{ id: string }>('POST', '/firewall-policies', {
      name: 'attached',
      rules: [rule],
    });
    const unknown = await harness.admin<Record<string, unknown>>('POST', '/access-key-configurations', {
      name: 'c',
      firewallPolicyId: 'aigfp_unknown',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({
      firewallPolicyId: expect.stringContaining('aigfp_unknown'),
    });

    const configuration = await harness.admin<{ id: string }>('POST', '/access-key-configurations', {
      name: 'c',
      firewallPolicyId: policy.body.id,
    });
    expect(configuration.status).toBe(201);
    const refused = await harness.admin<Record<string, unknown>>(
      'DELETE',
      `/firewall-policies/${policy.body.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      errorCode: 'resource_in_use',
      details: { accessKeyConfigurationIds: configuration.body.id },
    });

    const other = await harness.admin<{ token: string }>('POST', '/accounts', { name: 'other' });
    const otherKey = await harness.admin<{ token: string }>(
      'POST',
      `/accounts/${(other.body as unknown as { id: string }).id}/api-keys`,
      { name: 'k' },
    );
    const foreign = await harness.admin(
      'GET',
      `/firewall-policies/${policy.body.id}`,
      undefined,
      otherKey.body.token,
    );
    expect(foreign.status).toBe(404);

    await harness.admin('PATCH', `/access-key-configurations/${configuration.body.id}`, {
      firewallPolicyId: null,
    });
    expect((await harness.admin('DELETE', `/firewall-policies/${policy.body.id}`)).status).toBe(204);
  });
});
