import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

export interface ClientSetup {
  upstream: FakeUpstream;
  harness: Harness;
  /** An access key with Anthropic, OpenAI and Groq provider keys behind it. */
  token: string;
  close(): Promise<void>;
}

/** A gateway in front of the fake upstream, with an access key that reaches every provider. */
export async function startClientSetup(): Promise<ClientSetup> {
  const upstream = await startFakeUpstream();
  const harness = await startHarness({ upstreamUrl: upstream.url });
  await createProviderKeys(harness, 'anthropic', ['sk-ant-clients-0001']);
  await createProviderKeys(harness, 'openai', ['sk-openai-clients-0002']);
  await createProviderKeys(harness, 'groq', ['gsk-groq-clients-0003']);
  const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'clients' });
  return {
    upstream,
    harness,
    token: accessKey.body.token,
    async close() {
      await harness.close();
      await upstream.close();
    },
  };
}
