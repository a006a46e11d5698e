import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { Account, Me } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { NumberField } from '../../components/number-field';
import { type Choice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useResource } from '../../lib/use-resource';

interface GrantCreditsDialogProps {
  me: Me;
  onGranted(): void;
  onClose(): void;
}

type Category = 'purchase' | 'promotional';
type Expiry = 'default' | 'date' | 'never';

const categories: Array<Choice<Category>> = [
  { value: 'purchase', label: 'Purchase' },
  { value: 'promotional', label: 'Promotional' },
];

const expiries: Array<Choice<Expiry>> = [
  { value: 'default', label: 'In one year' },
  { value: 'date', label: 'On a date' },
  { value: 'never', label: 'Never' },
];

/** The operator's accounts, to pick whom to grant to. */
function loadAccounts(): Promise<Account[]> {
  return listAll<Account>('/accounts', 'accounts');
}

/** Operator only: `POST /accounts/{id}/credits/grants`. Grants expire after a year unless told otherwise. */
export function GrantCreditsDialog({ me, onGranted, onClose }: GrantCreditsDialogProps) {
  const [accounts] = useResource(loadAccounts, []);
  const [accountId, setAccountId] = useState(me.accountId);
  const [amountUsd, setAmountUsd] = useState('');
  const [category, setCategory] = useState<Category>('purchase');
  const [expiry, setExpiry] = useState<Expiry>('default');
  const [expiresOn, setExpiresOn] = useState('');
  const accountList = accounts.status === 'ready' && accounts.data.length > 0 ? accounts.data : undefined;
  return (
    <FormDialog
      title="Grant credits"
      submitLabel="Grant credits"
      busyLabel="Granting…"
      onSubmit={async () => {
        const body = {
          amountCents: Math.round(Number(amountUsd) * 100),
          category,
          ...(expiry === 'never' ? { expiresAt: null } : {}),
          // An empty date goes to the API as-is, so its message names the field.
          ...(expiry === 'date' ? { expiresAt: expiresOn ? `${expiresOn}T23:59:59Z` : '' } : {}),
        };
        await api.post(`/accounts/${encodeURIComponent(accountId.trim())}/credits/grants`, body);
        onGranted();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <>
          {/* Typed by hand until the accounts load, or when there are none to list or they cannot be read. */}
          {accountList ? (
            <SelectField
              label="Account"
              error={errorAt(errors, 'accountId')}
              value={accountId}
              choices={accountList.map((account) => ({
                value: account.id,
                label: `${account.name} (${account.id})`,
              }))}
              onChange={setAccountId}
            />
          ) : (
            <TextField
              label="Account"
              error={errorAt(errors, 'accountId')}
              class="mono"
              required
              value={accountId}
              onChange={setAccountId}
            />
          )}
          <div class="field-row">
            <NumberField
              label="Amount (USD)"
              error={errorAt(errors, 'amountCents')}
              min={0.01}
              step={0.01}
              required
              value={amountUsd}
              onChange={setAmountUsd}
            />
            <SelectField
              label="Category"
              error={errorAt(errors, 'category')}
              value={category}
              choices={categories}
              onChange={setCategory}
            />
          </div>
          <SelectField
            label="Expiry"
            error={errorAt(errors, 'expiresAt')}
            value={expiry}
            choices={expiries}
            onChange={setExpiry}
          />
          {expiry === 'date' && (
            <TextField
              label="Expires on (UTC, end of day)"
              type="date"
              required
              value={expiresOn}
              onChange={setExpiresOn}
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
