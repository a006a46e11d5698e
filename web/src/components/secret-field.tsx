import { TextField, type TextFieldProps } from './text-field';

/**
 * A credential typed in once (an API key, a provider key's value): masked, and kept out of the
 * browser's autofill and spell checker, which would otherwise store or send it.
 */
export function SecretField(props: TextFieldProps) {
  return <TextField type="password" class="mono" autoComplete="off" spellcheck={false} required {...props} />;
}
