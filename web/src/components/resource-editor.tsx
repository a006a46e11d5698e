import type { ComponentChildren } from 'preact';
import type { BoundField } from '../lib/bound-fields';
import { navigate } from '../lib/router';
import type { Resource } from '../lib/use-resource';
import type { Submission } from '../lib/use-submit';
import { ApiForm } from './api-form';
import { FormActions } from './form-actions';
import { FormError } from './form-error';
import { FormSection } from './form-section';
import { Link } from './link';
import { PageHeader } from './page-header';
import { Async } from './states';
import { TextField } from './text-field';

/** The list page an editor belongs to: its back link and Cancel return there, and so does a save. */
export interface EditorList {
  route: string;
  /** The back link's text, e.g. "All configurations". */
  label: string;
}

interface EditorPageProps<Data> {
  title: string;
  list: EditorList;
  /** What the editor needs: the record being edited (if any) and the choices its fields offer. */
  resource: Resource<Data>;
  onRetry(): void;
  /** The form, keyed by the loaded record so that it starts over when another one arrives. */
  children(data: Data): ComponentChildren;
}

/** A page that creates or edits one record of a list on a form of its own (not a dialog). */
export function EditorPage<Data>({ title, list, resource, onRetry, children }: EditorPageProps<Data>) {
  return (
    <>
      <PageHeader title={title} description={<Link route={list.route}>← {list.label}</Link>} />
      <Async resource={resource} onRetry={onRetry}>
        {children}
      </Async>
    </>
  );
}

interface EditorFormProps {
  form: Submission;
  list: EditorList;
  submitLabel: string;
  /** Sends the draft; on success the editor goes back to the list. */
  onSave(): Promise<void>;
  children: ComponentChildren;
}

/** The editor's form: its sections, the API's error, then Cancel and save. */
export function EditorForm({ form, list, submitLabel, onSave, children }: EditorFormProps) {
  return (
    <ApiForm
      form={form}
      class="stack"
      onSubmit={async () => {
        await onSave();
        navigate(list.route);
      }}
    >
      {children}
      <FormError error={form.error} />
      <FormActions busy={form.busy} submitLabel={submitLabel} onCancel={() => navigate(list.route)} />
    </ApiForm>
  );
}

interface BasicsSectionProps {
  name: BoundField<string>;
  description: BoundField<string>;
  /** The record's other basic field, beside its name and description. */
  children: ComponentChildren;
}

/** The first card of an editor: the record's name and description, and one more field beside them. */
export function BasicsSection({ name, description, children }: BasicsSectionProps) {
  return (
    <FormSection title="Basics">
      <div class="field-row">
        <TextField label="Name" required maxLength={255} {...name} />
        <TextField label="Description" maxLength={255} {...description} />
        {children}
      </div>
    </FormSection>
  );
}
