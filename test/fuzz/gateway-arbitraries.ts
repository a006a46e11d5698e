import fc from 'fast-check';

/** Model names: the catalog's, prefixed, unknown, empty, control characters, very long. */
export const modelName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'claude-sonnet-5', 'claude-haiku-4-5') },
  fc.constantFrom(
    'text-embedding-3-small',
    'gpt-3.5-turbo-instruct',
    'openai:gpt-4o',
    'anthropic:claude-sonnet-5',
    'openai:brand-new-model',
    'nosuch:model',
    'unknown-model',
    'openai/gpt-4o',
    '',
    ' ',
    'gpt-4o\r\nx-injected: 1',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ minLength: 250, maxLength: 600 }),
);

/** Numbers where the gateway does arithmetic: in range, at the edges, huge, negative, fractions, not numbers. */
export const numberish = fc.oneof(
  fc.integer({ min: -2, max: 300 }),
  fc.constantFrom(0, 1, 128, 129, 1_048_576, 1_048_577, 2 ** 31, 2 ** 53, 1e18, 1e308, -1, 1.5, -0),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.constant(null),
);

const anyJson = (maxDepth: number) => fc.jsonValue({ maxDepth });

/** Content parts of both formats, well-formed or not. */
const part = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 60 }) }),
  fc.record({
    type: fc.constant('image_url'),
    image_url: fc.oneof(
      fc.record({
        url: fc.constantFrom('data:image/png;base64,iVBORw0KGgo=', 'https://example.com/a.png', 'x'),
      }),
      anyJson(1),
    ),
  }),
  fc.record(
    {
      type: fc.constantFrom('image', 'tool_use', 'tool_result', 'document', 'file', 'input_text', 'refusal'),
      text: fc.oneof(fc.string({ maxLength: 20 }), anyJson(1)),
      source: anyJson(2),
      content: anyJson(2),
      input: anyJson(2),
      id: fc.string({ maxLength: 10 }),
      name: fc.string({ maxLength: 10 }),
      tool_use_id: fc.string({ maxLength: 10 }),
      file: anyJson(2),
    },
    { requiredKeys: ['type'] },
  ),
  fc.constant(null),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  anyJson(2),
);

const content = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.array(part, { maxLength: 4 }),
  fc.constant(null),
  anyJson(2),
);

const message = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        role: fc.constantFrom('user', 'assistant', 'system', 'tool', 'developer', 'nobody'),
        content,
        tool_calls: fc.oneof(
          fc.array(
            fc.record({
              id: fc.string({ maxLength: 8 }),
              type: fc.constant('function'),
              function: fc.record({
                name: fc.string({ maxLength: 8 }),
                arguments: fc.string({ maxLength: 30 }),
              }),
            }),
            { maxLength: 2 },
          ),
          anyJson(1),
        ),
        tool_call_id: fc.string({ maxLength: 8 }),
        name: fc.string({ maxLength: 8 }),
      },
      { requiredKeys: ['role', 'content'] },
    ),
  },
  anyJson(2),
);

/** Every field possibly wrong (all optional). */
const wildFields = fc.record(
  {
    model: fc.oneof({ weight: 9, arbitrary: modelName }, anyJson(1)),
    models: fc.oneof(fc.array(modelName, { maxLength: 14 }), anyJson(1)),
    messages: fc.oneof(
      { weight: 4, arbitrary: fc.array(message, { minLength: 1, maxLength: 4 }) },
      anyJson(2),
    ),
    max_tokens: numberish,
    max_completion_tokens: numberish,
    max_output_tokens: numberish,
    n: numberish,
    best_of: numberish,
    temperature: numberish,
    stream: fc.oneof(fc.boolean(), anyJson(0)),
    stream_options: anyJson(1),
    input: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(fc.oneof(fc.string(), fc.integer(), part), { maxLength: 3 }),
    ),
    prompt: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
    ),
    system: fc.oneof(fc.string({ maxLength: 60 }), fc.array(part, { maxLength: 2 })),
    instructions: fc.string({ maxLength: 40 }),
    tools: fc.oneof(
      fc.array(
        fc.record({
          type: fc.constant('function'),
          function: fc.record({ name: fc.string({ maxLength: 8 }), parameters: anyJson(3) }),
        }),
        { maxLength: 2 },
      ),
      fc.array(fc.record({ name: fc.string({ maxLength: 8 }), input_schema: anyJson(3) }), { maxLength: 2 }),
      anyJson(2),
    ),
    tool_choice: anyJson(1),
    metadata: anyJson(1),
    stop: anyJson(1),
  },
  { requiredKeys: [] },
);

const knownModel = fc.constantFrom(
  'gpt-4o',
  'gpt-4o-mini',
  'claude-sonnet-5',
  'claude-haiku-4-5',
  'openai:gpt-4o',
  'anthropic:claude-haiku-4-5',
);

/** A request the providers would take: the base most cases start from. */
const validBody = fc.record(
  {
    model: knownModel,
    models: fc.array(knownModel, { maxLength: 3 }),
    messages: fc.array(
      fc.record({ role: fc.constant('user'), content: fc.string({ unit: 'grapheme', maxLength: 200 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    max_tokens: fc.integer({ min: 1, max: 4_096 }),
    stream: fc.boolean(),
    input: fc.string({ maxLength: 100 }),
    prompt: fc.string({ maxLength: 100 }),
  },
  { requiredKeys: ['model', 'messages'] },
);

/** A valid request with a few fields replaced by wild ones (none, some, or most of them). */
const structuredBody = fc
  .tuple(
    validBody,
    fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      wildFields.map((wild) => pickSome(wild, 2)),
      wildFields,
    ),
  )
  .map(([valid, wild]) => ({ ...valid, ...wild }));

/** At most `count` of the record's fields, for small mutations of a valid body. */
function pickSome(record: Record<string, unknown>, count: number): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).slice(0, count));
}

/** Nesting around the gateway's depth limit (64) and far beyond it. */
const deepBody = fc
  .tuple(fc.integer({ min: 55, max: 5_000 }), fc.constantFrom('[', '{"a":'))
  .map(
    ([depth, open]) =>
      `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"x":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`,
  );

/** The request body as sent: JSON of a structured or arbitrary value, a deep body, or text that is not JSON. */
export const bodyText = fc.oneof(
  { weight: 14, arbitrary: structuredBody.map((body) => JSON.stringify(body)) },
  { weight: 3, arbitrary: anyJson(4).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: deepBody },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '{', '{"model":', 'null', '[]', '{"__proto__":{"x":1},"model":"gpt-4o"}'),
  },
);

/** Printable ASCII: what a client can put in a header value at all. */
export const headerText = fc
  .string({ unit: 'binary-ascii', maxLength: 40 })
  .map((text) => text.replace(/[^\x20-\x7e]/g, ''));
