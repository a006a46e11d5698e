import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { GatewayConfig } from '../../api/types';
import { NumberField } from '../../components/number-field';
import { Async } from '../../components/states';
import { TextField } from '../../components/text-field';
import { useResource } from '../../lib/use-resource';
import { SettingsForm } from './settings-form';

/** Empty means "no cap" / "the default", which the API takes as `null`; other text goes as typed so its message names the field. */
function capOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

function durationOf(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

function GatewayConfigForm({ config, onSaved }: { config: GatewayConfig; onSaved(): void }) {
  const [perRequestTimeout, setPerRequestTimeout] = useState(config.perRequestTimeout ?? '');
  const [totalTimeout, setTotalTimeout] = useState(config.totalTimeout ?? '');
  const [maxInputTokens, setMaxInputTokens] = useState(config.maxInputTokens?.toString() ?? '');
  const [maxOutputTokens, setMaxOutputTokens] = useState(config.maxOutputTokens?.toString() ?? '');
  return (
    <SettingsForm
      submitLabel="Save settings"
      onSubmit={async () => {
        await api.patch('/gateway-config', {
          perRequestTimeout: durationOf(perRequestTimeout),
          totalTimeout: durationOf(totalTimeout),
          maxInputTokens: capOf(maxInputTokens),
          maxOutputTokens: capOf(maxOutputTokens),
        });
        onSaved();
      }}
    >
      {(errors) => (
        <>
          <div class="field-row">
            <TextField
              label="Timeout per attempt"
              hint='A duration such as "60s" or "2m". Empty: the default.'
              error={errorAt(errors, 'perRequestTimeout')}
              class="mono"
              value={perRequestTimeout}
              onChange={setPerRequestTimeout}
            />
            <TextField
              label="Total timeout"
              hint="Bounds every attempt of one request together."
              error={errorAt(errors, 'totalTimeout')}
              class="mono"
              value={totalTimeout}
              onChange={setTotalTimeout}
            />
          </div>
          <div class="field-row">
            <NumberField
              label="Max input tokens"
              hint="Larger requests are refused before any upstream call. Empty: no cap."
              error={errorAt(errors, 'maxInputTokens')}
              value={maxInputTokens}
              onChange={setMaxInputTokens}
            />
            <NumberField
              label="Max output tokens"
              hint="Caps max_tokens on every request. Empty: no cap."
              error={errorAt(errors, 'maxOutputTokens')}
              value={maxOutputTokens}
              onChange={setMaxOutputTokens}
            />
          </div>
        </>
      )}
    </SettingsForm>
  );
}

/** `/gateway-config`: the account's timeouts and token caps. */
export function GatewayConfigSection() {
  const [resource, reload] = useResource(() => api.get<GatewayConfig>('/gateway-config'), []);
  return (
    <section class="card form-section" aria-labelledby="gateway-config-title">
      <h2 id="gateway-config-title">Timeouts and token caps</h2>
      <Async resource={resource} onRetry={reload}>
        {(config) => <GatewayConfigForm config={config} onSaved={reload} />}
      </Async>
    </section>
  );
}
