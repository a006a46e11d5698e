import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cannotPoison, installBoundedJsonParser } from './bounded-json-parser.js';

async function server() {
  const app = Fastify();
  installBoundedJsonParser(app, 8, (max) =>
    Object.assign(new Error(`deeper than ${max}`), { statusCode: 400 }),
  );
  app.post('/', async (request) => ({ body: request.body, inherited: ({} as { x?: unknown }).x ?? null }));
  return app;
}

const post = async (payload: string) => {
  const app = await server();
  const response = await app.inject({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/json' },
    payload,
  });
  return { status: response.statusCode, json: response.json() as Record<string, unknown> };
};

describe('the gateway JSON body parser', () => {
  it('parses an ordinary body', async () => {
    const { status, json } = await post('{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}');
    expect(status).toBe(200);
    expect(json.body).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  });

  it.each([
    '{"__proto__":{"x":1},"model":"gpt-4o"}',
    '{"\\u005f_proto__":{"x":1}}',
    '{"model":"m","constructor":{"prototype":{"x":1}}}',
    '{"\\u0063onstructor":{"prototype":{"x":1}}}',
  ])('refuses a poisoning key, escaped or not: %s', async (payload) => {
    const { status, json } = await post(payload);
    expect(status).toBe(400);
    expect(json.body).toBeUndefined();
  });

  it('still parses escaped text that poisons nothing, a byte order mark and a scalar', async () => {
    expect((await post('{"content":"caf\\u00e9 \\u2014 ok"}')).json.body).toEqual({ content: 'café — ok' });
    expect((await post('\ufeff{"a":1}')).json.body).toEqual({ a: 1 });
    expect((await post('"constructor"')).json.body).toBe('constructor');
  });

  it('answers 400 to text that is not JSON, and to an empty body', async () => {
    expect((await post('{"model":')).status).toBe(400);
    expect((await post('')).status).toBe(400);
  });

  it('tells which texts need the escape-aware check', () => {
    expect(cannotPoison('{"model":"gpt-4o"}')).toBe(true);
    expect(cannotPoison('{"a":"\\u0041"}')).toBe(false);
    expect(cannotPoison('{"__proto__":1}')).toBe(false);
    expect(cannotPoison('{"constructor":1}')).toBe(false);
  });
});
