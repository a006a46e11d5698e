import type { ComponentChildren } from 'preact';
import { api } from '../api/client';
import type { BoundFields } from '../lib/bound-fields';
import type { Drafting } from '../lib/drafting';
import { navigate } from '../lib/router';
import { saveResource } from '../lib/save-resource';
import { type Form, useForm } from '../lib/use-form';
import { useResource } from '../lib/use-resource';
import { ApiForm } from './api-form';
import { FormActions } from './form-actions';
import { FormError } from './form-error';
import { FormSection } from './form-section';
import { Link } from './link';
import { PageHeader } from './page-header';
import type { RecordPages } from './record-pages';
import { Async } from './states';
import { TextField } from './text-field';

interface EditorPageProps<Row, Draft, Choices> extends Drafting<Row, Draft> {
  pages: RecordPages<Row>;
  /** The record to edit, or undefined to create one. */
  id: string | undefined;
  /** What the fields offer besides the record (providers, keys, policies), loaded beside it. */
  choices?: () => Promise<Choices>;
  /** The form's sections, bound to its draft. */
  children(form: Form<Draft>, choices: Choices): ComponentChildren;
}

/**
 * A page that creates or edits one record of a list on a form of its own (not a dialog): its title
 * and back link, the record and choices loading, then the form, which saves and goes back to the list.
 */
export function EditorPage<Row extends { id: string }, Draft extends object, Choices = undefined>(
  props: EditorPageProps<Row, Draft, Choices>,
) {
  const { id, choices, ...editor } = props;
  const { pages } = editor;
  const [resource, reload] = useResource(async () => {
    const [record, offered] = await Promise.all([
      id ? api.get<Row>(`${pages.collection.path}/${encodeURIComponent(id)}`) : undefined,
      choices?.(),
    ]);
    // Without a `choices` loader Choices is `undefined`, which is what `offered` then is.
    return { record, choices: offered as Choices };
  }, [id]);
  return (
    <>
      <PageHeader
        title={`${id ? 'Edit' : 'New'} ${pages.noun}`}
        description={<Link route={pages.route}>← {pages.listLabel}</Link>}
      />
      <Async resource={resource} onRetry={reload}>
        {/* Keyed by the record, so that the form starts over when another one loads. */}
        {(loaded) => <EditorForm key={loaded.record?.id ?? 'new'} {...editor} {...loaded} />}
      </Async>
    </>
  );
}

type EditorFormProps<Row, Draft, Choices> = Omit<EditorPageProps<Row, Draft, Choices>, 'id' | 'choices'> & {
  record: Row | undefined;
  choices: Choices;
};

/** The editor's form: its sections, the API's error, then Cancel and save. */
function EditorForm<Row extends { id: string }, Draft extends object, Choices>({
  pages,
  record,
  choices,
  draftOf,
  bodyOf,
  children,
}: EditorFormProps<Row, Draft, Choices>) {
  const form = useForm(() => draftOf(record));
  return (
    <ApiForm
      form={form}
      class="stack"
      onSubmit={async () => {
        await saveResource(pages.collection.path, record?.id, bodyOf(form.values, record !== undefined));
        navigate(pages.route);
      }}
    >
      {children(form, choices)}
      <FormError error={form.error} />
      <FormActions
        busy={form.busy}
        submitLabel={record ? 'Save changes' : pages.createLabel}
        onCancel={() => navigate(pages.route)}
      />
    </ApiForm>
  );
}

interface BasicsSectionProps {
  /** The draft's name and description. */
  form: BoundFields<{ name: string; description: string }>;
  /** The record's other basic field, beside its name and description. */
  children: ComponentChildren;
}

/** The first card of an editor: the record's name and description, and one more field beside them. */
export function BasicsSection({ form, children }: BasicsSectionProps) {
  return (
    <FormSection title="Basics">
      <div class="field-row">
        <TextField label="Name" required maxLength={255} {...form.field('name')} />
        <TextField label="Description" maxLength={255} {...form.field('description')} />
        {children}
      </div>
    </FormSection>
  );
}
