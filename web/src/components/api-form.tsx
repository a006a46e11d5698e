import type { ComponentChildren } from 'preact';
import type { Submission } from '../lib/use-submit';

interface ApiFormProps {
  /** The submission that runs `onSubmit` and keeps its busy flag and the API's error. */
  form: Submission;
  /** Sends the form; when it throws, the fields stay as typed and show the API's messages. */
  onSubmit(): Promise<void>;
  class?: string;
  children: ComponentChildren;
}

/** A form whose fields the API checks: submitting runs `onSubmit` through the form's submission. */
export function ApiForm({ form, onSubmit, class: className, children }: ApiFormProps) {
  return (
    // noValidate: the API checks every field and names it; the browser's bubbles would pre-empt those messages.
    <form
      class={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.run(onSubmit);
      }}
    >
      {children}
    </form>
  );
}
