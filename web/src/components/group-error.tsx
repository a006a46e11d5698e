/**
 * The API's message for a group of inputs (a list, a rule, a set of checkboxes), under the group;
 * nothing where there is none. A single field shows its own through `Field`.
 */
export function GroupError({ message }: { message: string | undefined }) {
  return message ? <p class="field-error">{message}</p> : null;
}
