import { useMemo, useState } from 'preact/hooks';
import { type ApiError, asApiError, type FieldDetails } from '../api/client';
import { normaliseDetails } from '../api/field-errors';

export interface Submission {
  busy: boolean;
  error: ApiError | null;
  /** The error's `details`, keyed by field in one spelling (see normaliseField). */
  fieldErrors: FieldDetails;
  run(action: () => Promise<void>): Promise<void>;
}

/** Busy flag and API error for one form: the form stays open and shows what the API said. */
export function useSubmit(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fieldErrors = useMemo(() => (error ? normaliseDetails(error.details) : {}), [error]);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught: unknown) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fieldErrors, run };
}
