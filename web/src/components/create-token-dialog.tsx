import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { keyLabel } from '../lib/key-label';
import type { Submission } from '../lib/use-submit';
import { Dialog } from './dialog';
import { DialogForm } from './form-dialog';
import { PrimaryButton } from './primary-button';
import { SecretReveal } from './secret-reveal';

/** What the API answers when it creates a key: the only response that carries the token itself. */
export interface CreatedToken {
  name?: string | undefined;
  keyRedacted: string;
  token: string;
}

/** A key's optional name as the API takes it: trimmed, and left out when blank. */
export function nameIfGiven(text: string): { name?: string } {
  const name = text.trim();
  return name ? { name } : {};
}

interface CreateTokenDialogProps {
  /** The form's submission (usually a `useForm`), whose field errors its fields show. */
  form: Submission;
  /** The form's title, e.g. "New access key". */
  title: string;
  /** The title once the key exists, e.g. "Access key created". */
  createdTitle: string;
  submitLabel: string;
  /** Sends the form and returns the created key. */
  create(): Promise<CreatedToken>;
  onCreated(): void;
  onClose(): void;
  /** Shown under the token, e.g. where to use it. */
  usage?: ComponentChildren;
  /** The form's fields. */
  children: ComponentChildren;
}

/**
 * Creates a key, then shows its token once in the same dialog; closing the dialog drops the token
 * for good. One <Dialog> throughout, so the modal stays open between the two steps.
 */
export function CreateTokenDialog({
  form,
  title,
  createdTitle,
  submitLabel,
  create,
  onCreated,
  onClose,
  usage,
  children,
}: CreateTokenDialogProps) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  return (
    <Dialog title={created ? createdTitle : title} onClose={onClose}>
      {created ? (
        <>
          <div class="dialog-body">
            <SecretReveal label={`Token for ${keyLabel(created)}`} secret={created.token} />
            {usage}
          </div>
          <div class="dialog-actions">
            <PrimaryButton onClick={onClose}>Done</PrimaryButton>
          </div>
        </>
      ) : (
        <DialogForm
          form={form}
          submitLabel={submitLabel}
          busyLabel="Creating…"
          onSubmit={async () => {
            setCreated(await create());
            onCreated();
          }}
          onCancel={onClose}
        >
          {children}
        </DialogForm>
      )}
    </Dialog>
  );
}
