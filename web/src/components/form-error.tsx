import type { ApiError } from '../api/client';

/** The API's message for a failed save; field-level messages appear at their fields as well. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div class="form-error" role="alert">
      {error.message}
    </div>
  );
}
