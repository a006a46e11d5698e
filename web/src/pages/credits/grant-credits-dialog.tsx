import { api } from '../../api/client';
import { collections, listOf } from '../../api/collections';
import type { Account, Me } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { NumberField } from '../../components/number-field';
import { type Choice, namedChoice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useForm } from '../../lib/use-form';
import { useResource } from '../../lib/use-resource';

interface GrantCreditsDialogProps {
  me: Me;
  onGranted(): void;
  onClose(): void;
}

type Category = 'purchase' | 'promotional';
type Expiry = 'default' | 'date' | 'never';

interface GrantDraft {
  accountId: string;
  amountUsd: string;
  category: Category;
  expiry: Expiry;
  /** The date picked when `expiry` is `date`. */
  expiresOn: string;
}

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
  return listOf(collections.accounts);
}

/** The grant as the API takes it: whole cents, and an expiry only where it is not the default year. */
function grantOf({ amountUsd, category, expiry, expiresOn }: GrantDraft) {
  return {
    amountCents: Math.round(Number(amountUsd) * 100),
    category,
    ...(expiry === 'never' ? { expiresAt: null } : {}),
    // An empty date goes to the API as-is, so its message names the field.
    ...(expiry === 'date' ? { expiresAt: expiresOn ? `${expiresOn}T23:59:59Z` : '' } : {}),
  };
}

/** Operator only: `POST /accounts/{id}/credits/grants`. Grants expire after a year unless told otherwise. */
export function GrantCreditsDialog({ me, onGranted, onClose }: GrantCreditsDialogProps) {
  const [accounts] = useResource(loadAccounts, []);
  const form = useForm<GrantDraft>({
    accountId: me.accountId,
    amountUsd: '',
    category: 'purchase',
    expiry: 'default',
    expiresOn: '',
  });
  const { expiry } = form.values;
  const accountList = accounts.status === 'ready' && accounts.data.length > 0 ? accounts.data : undefined;
  return (
    <FormDialog
      form={form}
      title="Grant credits"
      submitLabel="Grant credits"
      busyLabel="Granting…"
      onSubmit={async (grant) => {
        await api.post(
          `/accounts/${encodeURIComponent(grant.accountId.trim())}/credits/grants`,
          grantOf(grant),
        );
        onGranted();
      }}
      onClose={onClose}
    >
      {/* Typed by hand until the accounts load, or when there are none to list or they cannot be read. */}
      {accountList ? (
        <SelectField label="Account" choices={accountList.map(namedChoice)} {...form.field('accountId')} />
      ) : (
        <TextField label="Account" class="mono" required {...form.field('accountId')} />
      )}
      <div class="field-row">
        <NumberField
          label="Amount (USD)"
          min={0.01}
          step={0.01}
          required
          {...form.field('amountUsd', 'amountCents')}
        />
        <SelectField label="Category" choices={categories} {...form.field('category')} />
      </div>
      <SelectField label="Expiry" choices={expiries} {...form.field('expiry', 'expiresAt')} />
      {expiry === 'date' && (
        <TextField label="Expires on (UTC, end of day)" type="date" required {...form.field('expiresOn')} />
      )}
    </FormDialog>
  );
}
