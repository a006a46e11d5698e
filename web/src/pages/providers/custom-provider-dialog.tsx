import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { CustomProvider } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../lib/use-submit';

interface CustomProviderDialogProps {
  /** Undefined to add a new one. */
  provider: CustomProvider | undefined;
  onSaved(): void;
  onClose(): void;
}

type Format = 'openai' | 'anthropic';

function modelIds(text: string): Array<{ modelId: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((modelId) => ({ modelId }));
}

/** Adds or edits a custom provider; `providerId` is fixed once created (it is part of model addresses). */
export function CustomProviderDialog({ provider, onSaved, onClose }: CustomProviderDialogProps) {
  const [providerId, setProviderId] = useState(provider?.providerId ?? '');
  const [name, setName] = useState(provider?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? '');
  const [format, setFormat] = useState<Format>(provider?.supportedApiSurfaces?.[0]?.format ?? 'openai');
  const [models, setModels] = useState((provider?.models ?? []).map((model) => model.modelId).join('\n'));
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  return (
    <Dialog title={provider ? `Edit ${provider.name}` : 'Add custom provider'} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            const body = {
              name: name.trim(),
              baseUrl: baseUrl.trim(),
              supportedApiSurfaces: [{ format }],
              models: modelIds(models),
            };
            if (provider) await api.patch(`/providers/${encodeURIComponent(provider.id)}`, body);
            else await api.post('/providers', { providerId: providerId.trim(), ...body });
            onSaved();
            onClose();
          });
        }}
      >
        <div class="dialog-body">
          <Field
            label="Provider id"
            hint="Lowercase letters, digits, - or _. Requests name it as id:model."
            error={errorAt(errors, 'providerId')}
          >
            {(control) => (
              <input
                {...control}
                class="mono"
                required
                disabled={provider !== undefined}
                value={providerId}
                onInput={(event) => setProviderId(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Name" error={errorAt(errors, 'name')}>
            {(control) => (
              <input
                {...control}
                required
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label="Base URL"
            hint="https:// and including the version path, e.g. https://llm.example.com/v1."
            error={errorAt(errors, 'baseUrl')}
          >
            {(control) => (
              <input
                {...control}
                class="mono"
                type="url"
                required
                value={baseUrl}
                onInput={(event) => setBaseUrl(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="API format" error={errorUnder(errors, 'supportedApiSurfaces')}>
            {(control) => (
              <select
                {...control}
                value={format}
                onChange={(event) => setFormat(event.currentTarget.value as Format)}
              >
                <option value="openai">OpenAI (chat completions, embeddings, …)</option>
                <option value="anthropic">Anthropic (messages)</option>
              </select>
            )}
          </Field>
          <Field label="Models" hint="One model id per line." error={errorUnder(errors, 'models')}>
            {(control) => (
              <textarea
                {...control}
                class="mono"
                rows={4}
                value={models}
                onInput={(event) => setModels(event.currentTarget.value)}
              />
            )}
          </Field>
          <FormError error={submission.error} />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            {submission.busy ? 'Saving…' : provider ? 'Save' : 'Add provider'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
