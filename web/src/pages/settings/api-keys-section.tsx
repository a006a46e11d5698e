import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { ApiKey, CreatedApiKey, Me } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { SecretReveal } from '../../components/secret-reveal';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { useSubmit } from '../../lib/use-submit';

function NewApiKeyDialog({ onCreated, onClose }: { onCreated(): void; onClose(): void }) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const submission = useSubmit();
  if (created) {
    return (
      <Dialog title="API key created" onClose={onClose}>
        <div class="dialog-body">
          <SecretReveal label={`Token for ${created.name ?? created.keyRedacted}`} secret={created.token} />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="New API key" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            setCreated(await api.post<CreatedApiKey>('/api-keys', name.trim() ? { name: name.trim() } : {}));
            onCreated();
          });
        }}
      >
        <div class="dialog-body">
          <p class="muted">API keys manage this account through the admin API and this dashboard.</p>
          <Field label="Name" error={errorAt(submission.fieldErrors, 'name')}>
            {(control) => (
              <input
                {...control}
                value={name}
                maxLength={255}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
          <FormError error={submission.error} />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            {submission.busy ? 'Creating…' : 'Create API key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type Open = { dialog: 'none' } | { dialog: 'new' } | { dialog: 'delete'; key: ApiKey };

/** The account's management keys; deleting the one in use ends this session at the next request. */
export function ApiKeysSection({ me }: { me: Me }) {
  const [resource, reload] = useResource(() => listAll<ApiKey>('/api-keys', 'aiGatewayApiKeys'), []);
  const [open, setOpen] = useState<Open>({ dialog: 'none' });
  const close = () => setOpen({ dialog: 'none' });
  return (
    <section class="section" aria-labelledby="api-keys-title">
      <div class="section-header">
        <h2 id="api-keys-title">API keys</h2>
        <button type="button" class="button button-primary" onClick={() => setOpen({ dialog: 'new' })}>
          New API key
        </button>
      </div>
      <Async resource={resource} onRetry={reload}>
        {(keys) =>
          keys.length === 0 ? (
            <Empty title="No API keys" />
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>
                      {key.name ?? <span class="muted">Unnamed</span>}
                      {key.id === me.id && <span class="badge">this session</span>}
                    </td>
                    <td class="mono">{key.keyRedacted}</td>
                    <td>{key.isOperator ? 'Operator' : 'Account'}</td>
                    <td>{formatDateTime(key.lastUsed)}</td>
                    <td class="row-actions">
                      <button
                        type="button"
                        class="button button-small button-danger-quiet"
                        aria-label={`Delete ${key.name ?? key.keyRedacted}`}
                        onClick={() => setOpen({ dialog: 'delete', key })}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      {open.dialog === 'new' && <NewApiKeyDialog onCreated={reload} onClose={close} />}
      {open.dialog === 'delete' && (
        <ConfirmDialog
          title="Delete API key"
          confirmLabel="Delete API key"
          onConfirm={async () => {
            await api.delete(`/api-keys/${encodeURIComponent(open.key.id)}`);
            reload();
          }}
          onClose={close}
        >
          <p>
            Delete <strong>{open.key.name ?? open.key.keyRedacted}</strong>? Anything using it loses access at
            once.
          </p>
          {open.key.id === me.id && (
            <p class="warning">This is the key you signed in with: you will be signed out.</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
