import type { CustomProvider } from '../../api/types';
import { LinesField } from '../../components/lines-field';
import type { DialogEditor } from '../../components/record-dialog';
import { type Choice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { linesOf } from '../../lib/lines';

type Format = 'openai' | 'anthropic';

const formats: Array<Choice<Format>> = [
  { value: 'openai', label: 'OpenAI (chat completions, embeddings, …)' },
  { value: 'anthropic', label: 'Anthropic (messages)' },
];

interface ProviderDraft {
  providerId: string;
  name: string;
  baseUrl: string;
  format: Format;
  /** One model id per line. */
  models: string;
}

/** Adds or edits a custom provider; `providerId` is fixed once created (it is part of model addresses). */
export const customProviderDialog: DialogEditor<CustomProvider, ProviderDraft> = {
  creating: ['Add custom provider', 'Add provider'],
  draftOf: (provider) => ({
    providerId: provider?.providerId ?? '',
    name: provider?.name ?? '',
    baseUrl: provider?.baseUrl ?? '',
    format: provider?.supportedApiSurfaces?.[0]?.format ?? 'openai',
    models: (provider?.models ?? []).map((model) => model.modelId).join('\n'),
  }),
  bodyOf: ({ providerId, name, baseUrl, format, models }, isUpdate) => {
    const body = {
      name: name.trim(),
      baseUrl: baseUrl.trim(),
      supportedApiSurfaces: [{ format }],
      models: linesOf(models).map((modelId) => ({ modelId })),
    };
    // The id is fixed once created: only a new provider sends it.
    return isUpdate ? body : { providerId: providerId.trim(), ...body };
  },
  fields: (form, provider) => (
    <>
      <TextField
        label="Provider id"
        hint="Lowercase letters, digits, - or _. Requests name it as id:model."
        class="mono"
        required
        disabled={provider !== undefined}
        {...form.field('providerId')}
      />
      <TextField label="Name" required {...form.field('name')} />
      <TextField
        label="Base URL"
        hint="https:// and including the version path, e.g. https://llm.example.com/v1."
        class="mono"
        type="url"
        required
        {...form.field('baseUrl')}
      />
      <SelectField label="API format" choices={formats} {...form.field('format', 'supportedApiSurfaces')} />
      <LinesField label="Models" hint="One model id per line." {...form.field('models')} />
    </>
  ),
};
