import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { type SdkClients, useSdkGateway } from './gateway-fixtures.js';

/** Issue 14, item 4: the models endpoints as each official SDK reads them. */
describe('models endpoints with the official SDKs', () => {
  let clients: SdkClients;

  useSdkGateway(
    { openai: ['sk-openai-models-0001'], anthropic: ['sk-ant-models-0002'] },
    'models',
    (gateway) => {
      ({ clients } = gateway);
    },
  );

  it('openai SDK (item 4): models.retrieve finds a model by its listed id, bare id or provider/model', async () => {
    const model = await clients.openai.models.retrieve('anthropic:claude-haiku-4-5');
    expect(model).toMatchObject({ id: 'anthropic:claude-haiku-4-5', object: 'model', owned_by: 'anthropic' });
    expect((await clients.openai.models.retrieve('GPT-4o')).id).toBe('openai:gpt-4o');
    expect((await clients.openai.models.retrieve('openai/gpt-4o')).id).toBe('openai:gpt-4o');
  });

  it('openai SDK (item 4): models.retrieve of a model the key may not use is a NotFoundError', async () => {
    const error = await clients.openai.models.retrieve('openai:no-such-model').catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('not_found');
  });

  it('anthropic SDK (item 4): models.list answers the Anthropic shape, paging included', async () => {
    const models: Anthropic.ModelInfo[] = [];
    for await (const model of clients.anthropic.models.list()) models.push(model);
    expect(models.length).toBeGreaterThan(2);
    const haiku = models.find((model) => model.id === 'anthropic:claude-haiku-4-5');
    expect(haiku).toMatchObject({ type: 'model', display_name: expect.any(String) });
    expect(Number.isNaN(Date.parse(haiku?.created_at ?? ''))).toBe(false);
    const page = await clients.anthropic.models.list();
    expect(page.has_more).toBe(false);
    expect(page.first_id).toBe(models[0]?.id);
  });

  it('anthropic SDK (item 4): models.retrieve answers one model, and not_found_error for an unknown one', async () => {
    const model = await clients.anthropic.models.retrieve('claude-haiku-4-5');
    expect(model).toMatchObject({ type: 'model', id: 'anthropic:claude-haiku-4-5' });
    const error = await clients.anthropic.models.retrieve('claude-none').catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', code: 'not_found' },
    });
  });

  it('openai SDK (item 4): models.list keeps the OpenAI shape', async () => {
    const page = await clients.openai.models.list();
    expect(page.data[0]).toMatchObject({ object: 'model', created: 0 });
    expect(page.data[0]).not.toHaveProperty('display_name');
  });
});
