/** The fields that cap a request's output, by wire format, in the order they are looked for. */
export const outputTokenFields = ['max_completion_tokens', 'max_tokens', 'max_output_tokens'] as const;

/**
 * The output limit when neither the request nor the catalog gives one. It is sent to Anthropic
 * (which requires `max_tokens`) and assumed by credit holds, so the two must agree.
 */
export const defaultMaxOutputTokens = 4_096;
