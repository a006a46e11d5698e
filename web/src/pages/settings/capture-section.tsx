import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { GatewayConfig } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import { NumberField } from '../../components/number-field';
import { Async } from '../../components/states';
import { TextField } from '../../components/text-field';
import { useResource } from '../../lib/use-resource';
import { SettingsForm } from './settings-form';

function CaptureForm({ config, onSaved }: { config: GatewayConfig; onSaved(): void }) {
  const [enabled, setEnabled] = useState(config.captureBodies ?? false);
  const [retention, setRetention] = useState(config.captureRetention ?? '');
  const [maxBodyBytes, setMaxBodyBytes] = useState(config.captureMaxBodyBytes?.toString() ?? '');
  return (
    <SettingsForm
      submitLabel="Save capture settings"
      onSubmit={async () => {
        await api.patch('/gateway-config', {
          captureBodies: enabled,
          captureRetention: retention.trim() === '' ? null : retention.trim(),
          captureMaxBodyBytes: maxBodyBytes.trim() === '' ? null : Number(maxBodyBytes.trim()),
        });
        onSaved();
      }}
    >
      {(errors) => (
        <>
          <Checkbox checked={enabled} onChange={setEnabled}>
            Capture request and response bodies of every access key
          </Checkbox>
          <p class="field-hint">
            Off by default. Bodies are encrypted at rest, scrubbed of keys and tokens, never logged, and shown
            in the usage request log.
          </p>
          <div class="field-row">
            <TextField
              label="Keep captures for"
              hint='A duration up to "720h" (30 days). Empty: 168h.'
              error={errorAt(errors, 'captureRetention')}
              class="mono"
              value={retention}
              onChange={setRetention}
            />
            <NumberField
              label="Size cap per body (bytes)"
              hint="1024 to 1048576; longer bodies are cut. Empty: 65536."
              error={errorAt(errors, 'captureMaxBodyBytes')}
              value={maxBodyBytes}
              onChange={setMaxBodyBytes}
            />
          </div>
        </>
      )}
    </SettingsForm>
  );
}

/** Opt-in request capture (`/gateway-config`'s capture fields). */
export function CaptureSection() {
  const [resource, reload] = useResource(() => api.get<GatewayConfig>('/gateway-config'), []);
  return (
    <section class="card form-section" aria-labelledby="capture-title">
      <h2 id="capture-title">Request capture</h2>
      <Async resource={resource} onRetry={reload}>
        {(config) => <CaptureForm config={config} onSaved={reload} />}
      </Async>
    </section>
  );
}
