import { useEffect } from 'preact/hooks';
import { api } from './api/client';
import type { Me } from './api/types';
import { Link } from './components/link';
import { useRoute } from './lib/router';
import { ConfigurationEditorPage } from './pages/configurations/configuration-editor-page';
import { ConfigurationsPage } from './pages/configurations/configurations-page';
import { CreditsPage } from './pages/credits/credits-page';
import { FirewallPoliciesPage } from './pages/firewall/firewall-policies-page';
import { FirewallPolicyEditorPage } from './pages/firewall/firewall-policy-editor-page';
import { KeysPage } from './pages/keys/keys-page';
import { ProviderKeysPage } from './pages/provider-keys/provider-keys-page';
import { ProvidersPage } from './pages/providers/providers-page';
import { SettingsPage } from './pages/settings/settings-page';
import { UsagePage } from './pages/usage/usage-page';
import { VirtualModelsPage } from './pages/virtual-models/virtual-models-page';

const sections = [
  { route: 'keys', label: 'Keys' },
  { route: 'configurations', label: 'Configurations' },
  { route: 'firewall', label: 'Firewall' },
  { route: 'providers', label: 'Providers' },
  { route: 'virtual-models', label: 'Virtual models' },
  { route: 'provider-keys', label: 'Provider keys' },
  { route: 'usage', label: 'Usage' },
  { route: 'credits', label: 'Credits' },
  { route: 'settings', label: 'Settings' },
] as const;

function Page({ route, me }: { route: string; me: Me }) {
  const [section, id] = route.split('/');
  switch (section) {
    case '':
    case 'keys':
      return <KeysPage />;
    case 'configurations':
      return id ? <ConfigurationEditorPage id={id === 'new' ? undefined : id} /> : <ConfigurationsPage />;
    case 'firewall':
      return id ? <FirewallPolicyEditorPage id={id === 'new' ? undefined : id} /> : <FirewallPoliciesPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'provider-keys':
      return <ProviderKeysPage />;
    case 'virtual-models':
      return <VirtualModelsPage />;
    case 'usage':
      return <UsagePage />;
    case 'credits':
      return <CreditsPage me={me} />;
    case 'settings':
      return <SettingsPage me={me} />;
    default:
      return (
        <div class="state state-empty">
          <p class="state-title">No such page</p>
          <Link route="keys">Go to Keys</Link>
        </div>
      );
  }
}

/** The signed-in layout: navigation on the left, the current page on the right. */
export function Shell({ me, onSignedOut }: { me: Me; onSignedOut(): void }) {
  const route = useRoute();
  const section = route.split('/')[0] || 'keys';
  const label = sections.find((entry) => entry.route === section)?.label;
  useEffect(() => {
    document.title = label ? `${label} · Tollgate` : 'Tollgate';
  }, [label]);
  const signOut = async () => {
    // Signed out locally even if the server cannot be reached: the cookie dies with the browser session anyway.
    await api.delete('/ui/session').catch(() => undefined);
    onSignedOut();
  };
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Sections">
        <p class="brand">Tollgate</p>
        <ul>
          {sections.map((entry) => (
            <li key={entry.route}>
              <Link route={entry.route} class="nav-link" current={entry.route === section}>
                {entry.label}
              </Link>
            </li>
          ))}
        </ul>
        <div class="sidebar-footer">
          <p class="muted small">
            Account <span class="mono">{me.accountId}</span>
            {me.isOperator && <span class="badge">operator</span>}
          </p>
          <button type="button" class="button button-dark button-block" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main class="content">
        <Page route={route} me={me} />
      </main>
    </div>
  );
}
