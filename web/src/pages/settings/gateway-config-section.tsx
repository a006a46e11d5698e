import { NumberField } from '../../components/number-field';
import { TextField } from '../../components/text-field';
import { GatewayConfigCard } from './gateway-config-card';
import { countOf, durationOf, textOf } from './nullable-setting';

/** `/gateway-config`: the account's timeouts and token caps. */
export function GatewayConfigSection() {
  return (
    <GatewayConfigCard
      title="Timeouts and token caps"
      titleId="gateway-config-title"
      submitLabel="Save settings"
      draftOf={(config) => ({
        perRequestTimeout: textOf(config.perRequestTimeout),
        totalTimeout: textOf(config.totalTimeout),
        maxInputTokens: textOf(config.maxInputTokens),
        maxOutputTokens: textOf(config.maxOutputTokens),
      })}
      writeOf={(draft) => ({
        perRequestTimeout: durationOf(draft.perRequestTimeout),
        totalTimeout: durationOf(draft.totalTimeout),
        maxInputTokens: countOf(draft.maxInputTokens),
        maxOutputTokens: countOf(draft.maxOutputTokens),
      })}
    >
      {(form) => (
        <>
          <div class="field-row">
            <TextField
              label="Timeout per attempt"
              hint='A duration such as "60s" or "2m". Empty: the default.'
              class="mono"
              {...form.field('perRequestTimeout')}
            />
            <TextField
              label="Total timeout"
              hint="Bounds every attempt of one request together."
              class="mono"
              {...form.field('totalTimeout')}
            />
          </div>
          <div class="field-row">
            <NumberField
              label="Max input tokens"
              hint="Larger requests are refused before any upstream call. Empty: no cap."
              {...form.field('maxInputTokens')}
            />
            <NumberField
              label="Max output tokens"
              hint="Caps max_tokens on every request. Empty: no cap."
              {...form.field('maxOutputTokens')}
            />
          </div>
        </>
      )}
    </GatewayConfigCard>
  );
}
