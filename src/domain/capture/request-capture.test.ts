import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from './capture-record.js';
import { RequestCapture } from './request-capture.js';

function capture(maxBodyBytes = 1024) {
  const saved: CaptureRecord[] = [];
  const recorder = new RequestCapture({
    maxBodyBytes,
    retentionMs: 60_000,
    save: (record) => saved.push(record),
  });
  return { recorder, saved };
}

describe('RequestCapture', () => {
  it('keeps only headers that cannot carry a credential', () => {
    const { recorder, saved } = capture();
    recorder.received(
      'POST',
      '/v1/messages',
      {
        authorization: 'Bearer tg-abc12345-g1-secretsecretsecret',
        'x-api-key': 'tg-abc12345-g1-secretsecretsecret',
        cookie: 'session=1',
        'x-custom-token': 'anything',
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      { model: 'm' },
    );
    recorder.finish();
    expect(saved[0]?.request.headers).toEqual({
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    });
  });

  it("removes the attempts' provider keys and key-shaped text from every body", () => {
    const { recorder, saved } = capture();
    const providerKey = 'plainproviderkey0123456789';
    recorder.received('POST', '/v1/chat/completions', {}, { note: `token tg-abc12345-g1-${'s'.repeat(43)}` });
    recorder.attemptSent(1, 'openai:gpt-4o', providerKey, `{"echo":"${providerKey}"}`);
    recorder.attemptAnswered(1, 401, `bad key ${providerKey}`);
    recorder.responded(502, '{"error":{"message":"sk-live-0123456789abcdef refused"}}');
    recorder.finish();
    const text = JSON.stringify(saved[0]);
    expect(text).not.toContain(providerKey);
    expect(text).not.toContain('sk-live-0123456789abcdef');
    expect(text).not.toContain('s'.repeat(43));
    expect(saved[0]?.attempts[0]).toMatchObject({ statusCode: 401, error: 'bad key [redacted]' });
  });

  it('cuts a body at the cap on a character boundary and says so', () => {
    const { recorder, saved } = capture(1024);
    recorder.received('POST', '/v1/chat/completions', {}, { text: 'é'.repeat(2000) });
    recorder.finish();
    const request = saved[0]?.request;
    expect(request?.truncated).toBe(true);
    expect(Buffer.byteLength(request?.body ?? '')).toBeLessThanOrEqual(1024);
    expect(request?.body).not.toContain('\uFFFD');
  });

  it('assembles a stream from the events sent, up to the cap, and saves once', () => {
    const { recorder, saved } = capture(1024);
    recorder.received('POST', '/v1/chat/completions', {}, { stream: true });
    for (let index = 0; index < 100; index++) recorder.streamed(`data: {"n":${index}}\n\n`);
    recorder.finish();
    recorder.finish();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.response).toMatchObject({ statusCode: 200, streamed: true, truncated: true });
    expect(saved[0]?.response?.body.startsWith('data: {"n":0}')).toBe(true);
    expect(Date.parse(saved[0]?.expiresAt ?? '') - Date.parse(saved[0]?.capturedAt ?? '')).toBe(60_000);
  });
});
