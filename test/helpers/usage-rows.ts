import { newId } from '../../src/domain/ids.js';
import type { NewUsageEvent } from '../../src/store/schema.js';

/** A complete usage_events row with plain defaults (a served, unpriced gpt-4o call), for writing by hand. */
export function usageEventRow(fields: Partial<NewUsageEvent> = {}): NewUsageEvent {
  return {
    id: newId('ue'),
    account_id: 'acct_test',
    request_id: 'rq_test',
    access_key_id: 'aigk_test',
    event_time: new Date().toISOString(),
    provider: 'openai',
    provider_display_name: 'OpenAI',
    model: 'gpt-4o',
    model_display_name: 'GPT-4o',
    attempt_number: 1,
    is_final_attempt: 1,
    status_code: 200,
    timed_out: 0,
    is_error: 0,
    is_streaming: 0,
    stop_reason: 'stop',
    input_tokens: 11,
    output_tokens: 7,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cost_nano_usd: 0,
    key_source: 'ngrok',
    provider_key_id: null,
    provider_key_display_name: null,
    usage_estimated: 0,
    retry_action: 'succeeded',
    completion: 'succeeded',
    served: 1,
    upstream_duration_ms: 5,
    pricing_json: null,
    cost_breakdown_json: null,
    ...fields,
  };
}
