import type { Me } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { ApiKeysSection } from './api-keys-section';
import { CaptureSection } from './capture-section';
import { GatewayConfigSection } from './gateway-config-section';

export function SettingsPage({ me }: { me: Me }) {
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          <>
            Account <span class="mono">{me.accountId}</span>, signed in with API key{' '}
            <span class="mono">{me.id}</span>
            {me.isOperator ? ' (operator)' : ''}.
          </>
        }
      />
      <GatewayConfigSection />
      <CaptureSection />
      <ApiKeysSection me={me} />
    </>
  );
}
