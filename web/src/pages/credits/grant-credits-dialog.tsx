import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { Account, Me } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { useResource } from '../../lib/use-resource';
import { useSubmit } from '../../lib/use-submit';

interface GrantCreditsDialogProps {
  me: Me;
  onGranted(): void;
  onClose(): void;
}

type Expiry = 'default' | 'date' | 'never';

/** The operator's accounts, to pick whom to grant to. */
function loadAccounts(): Promise<Account[]> {
  return listAll<Account>('/accounts', 'accounts');
}

/** Operator only: `POST /accounts/{id}/credits/grants`. Grants expire after a year unless told otherwise. */
export function GrantCreditsDialog({ me, onGranted, onClose }: GrantCreditsDialogProps) {
  const [accounts] = useResource(loadAccounts, []);
  const [accountId, setAccountId] = useState(me.accountId);
  const [amountUsd, setAmountUsd] = useState('');
  const [category, setCategory] = useState<'purchase' | 'promotional'>('purchase');
  const [expiry, setExpiry] = useState<Expiry>('default');
  const [expiresOn, setExpiresOn] = useState('');
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  const accountList = accounts.status === 'ready' && accounts.data.length > 0 ? accounts.data : undefined;
  return (
    <Dialog title="Grant credits" onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            const body = {
              amountCents: Math.round(Number(amountUsd) * 100),
              category,
              ...(expiry === 'never' ? { expiresAt: null } : {}),
              // An empty date goes to the API as-is, so its message names the field.
              ...(expiry === 'date' ? { expiresAt: expiresOn ? `${expiresOn}T23:59:59Z` : '' } : {}),
            };
            await api.post(`/accounts/${encodeURIComponent(accountId.trim())}/credits/grants`, body);
            onGranted();
            onClose();
          });
        }}
      >
        <div class="dialog-body">
          <Field label="Account" error={errorAt(errors, 'accountId')}>
            {(control) =>
              accountList ? (
                <select
                  {...control}
                  value={accountId}
                  onChange={(event) => setAccountId(event.currentTarget.value)}
                >
                  {accountList.map((account) => (
                    <option key={account.id} value={account.id}>
                      {account.name} ({account.id})
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...control}
                  class="mono"
                  required
                  value={accountId}
                  onInput={(event) => setAccountId(event.currentTarget.value)}
                />
              )
            }
          </Field>
          <div class="field-row">
            <Field label="Amount (USD)" error={errorAt(errors, 'amountCents')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0.01}
                  step={0.01}
                  inputMode="decimal"
                  required
                  value={amountUsd}
                  onInput={(event) => setAmountUsd(event.currentTarget.value)}
                />
              )}
            </Field>
            <Field label="Category" error={errorAt(errors, 'category')}>
              {(control) => (
                <select
                  {...control}
                  value={category}
                  onChange={(event) => setCategory(event.currentTarget.value as 'purchase' | 'promotional')}
                >
                  <option value="purchase">Purchase</option>
                  <option value="promotional">Promotional</option>
                </select>
              )}
            </Field>
          </div>
          <Field label="Expiry" error={errorAt(errors, 'expiresAt')}>
            {(control) => (
              <select
                {...control}
                value={expiry}
                onChange={(event) => setExpiry(event.currentTarget.value as Expiry)}
              >
                <option value="default">In one year</option>
                <option value="date">On a date</option>
                <option value="never">Never</option>
              </select>
            )}
          </Field>
          {expiry === 'date' && (
            <Field label="Expires on (UTC, end of day)">
              {(control) => (
                <input
                  {...control}
                  type="date"
                  required
                  value={expiresOn}
                  onInput={(event) => setExpiresOn(event.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <FormError error={submission.error} />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            {submission.busy ? 'Granting…' : 'Grant credits'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
