import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { CustomProvider } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { LinesField } from '../../components/lines-field';
import { type Choice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';

interface CustomProviderDialogProps {
  /** Undefined to add a new one. */
  provider: CustomProvider | undefined;
  onSaved(): void;
  onClose(): void;
}

type Format = 'openai' | 'anthropic';

const formats: Array<Choice<Format>> = [
  { value: 'openai', label: 'OpenAI (chat completions, embeddings, …)' },
  { value: 'anthropic', label: 'Anthropic (messages)' },
];

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
  return (
    <FormDialog
      title={provider ? `Edit ${provider.name}` : 'Add custom provider'}
      submitLabel={provider ? 'Save' : 'Add provider'}
      busyLabel="Saving…"
      onSubmit={async () => {
        const body = {
          name: name.trim(),
          baseUrl: baseUrl.trim(),
          supportedApiSurfaces: [{ format }],
          models: modelIds(models),
        };
        if (provider) await api.patch(`/providers/${encodeURIComponent(provider.id)}`, body);
        else await api.post('/providers', { providerId: providerId.trim(), ...body });
        onSaved();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <TextField
            label="Provider id"
            hint="Lowercase letters, digits, - or _. Requests name it as id:model."
            error={errorAt(errors, 'providerId')}
            class="mono"
            required
            disabled={provider !== undefined}
            value={providerId}
            onChange={setProviderId}
          />
          <TextField label="Name" error={errorAt(errors, 'name')} required value={name} onChange={setName} />
          <TextField
            label="Base URL"
            hint="https:// and including the version path, e.g. https://llm.example.com/v1."
            error={errorAt(errors, 'baseUrl')}
            class="mono"
            type="url"
            required
            value={baseUrl}
            onChange={setBaseUrl}
          />
          <SelectField
            label="API format"
            error={errorUnder(errors, 'supportedApiSurfaces')}
            value={format}
            choices={formats}
            onChange={setFormat}
          />
          <LinesField
            label="Models"
            hint="One model id per line."
            error={errorUnder(errors, 'models')}
            value={models}
            onChange={setModels}
          />
        </>
      )}
    </FormDialog>
  );
}
