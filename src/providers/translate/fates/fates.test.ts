import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sdkRequestFields } from '../../../../test/helpers/sdk-request-fields.js';
import { chatToMessagesFates } from './chat-to-messages-fates.js';
import type { FieldFates } from './field-fates.js';
import { messagesToChatFates } from './messages-to-chat-fates.js';
import { responsesToChatFates } from './responses-to-chat-fates.js';

const modules = (path: string) => fileURLToPath(new URL(`../../../../node_modules/${path}`, import.meta.url));

/** The rows of one table of docs/translation.md, under its heading: field → fate. */
function documentedFates(heading: string): Record<string, string> {
  const text = readFileSync(new URL('../../../../docs/translation.md', import.meta.url), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';
  const rows: Record<string, string> = {};
  for (const match of section.matchAll(/^\| `([a-z_]+)` \| (mapped|removed|refused) \|/gm)) {
    rows[match[1] as string] = match[2] as string;
  }
  return rows;
}

const fatesOf = (table: FieldFates) =>
  Object.fromEntries(Object.entries(table).map(([field, fate]) => [field, fate.fate]));

describe('translation field fates', () => {
  it('say what becomes of every field of the openai SDK chat request', () => {
    const fields = sdkRequestFields(
      modules('openai/resources/chat/completions/completions.d.ts'),
      'ChatCompletionCreateParamsBase',
    );
    expect(fields.length).toBeGreaterThan(30);
    expect(fields.filter((field) => chatToMessagesFates[field] === undefined)).toEqual([]);
  });

  it('say what becomes of every field of the anthropic SDK messages request, beta included', () => {
    const fields = [
      ...sdkRequestFields(
        modules('@anthropic-ai/sdk/resources/messages/messages.d.ts'),
        'MessageCreateParamsBase',
      ),
      ...sdkRequestFields(
        modules('@anthropic-ai/sdk/resources/beta/messages/messages.d.ts'),
        'MessageCreateParamsBase',
      ),
    ];
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((field) => messagesToChatFates[field] === undefined)).toEqual([]);
  });

  it('say what becomes of every field of the openai SDK responses request', () => {
    const fields = sdkRequestFields(
      modules('openai/resources/responses/responses.d.ts'),
      'ResponseCreateParamsBase',
    );
    expect(fields.length).toBeGreaterThan(25);
    expect(fields.filter((field) => responsesToChatFates[field] === undefined)).toEqual([]);
  });

  it('are the tables docs/translation.md shows', () => {
    expect(documentedFates('OpenAI chat completions → Anthropic messages')).toEqual(
      fatesOf(chatToMessagesFates),
    );
    expect(documentedFates('Anthropic messages → OpenAI chat completions')).toEqual(
      fatesOf(messagesToChatFates),
    );
    expect(documentedFates('OpenAI Responses → OpenAI chat completions')).toEqual(
      fatesOf(responsesToChatFates),
    );
  });
});
