import type { UsageEvent } from '../../api/types';

const labels: Record<string, string> = {
  allowed: 'Allowed',
  stripped: 'Stripped',
  blocked: 'Blocked',
  would_strip: 'Would strip',
  would_block: 'Would block',
};

/** The firewall's decision on a request, with the rule that made it; a dash when no policy applied. */
export function FirewallDecision({ event }: { event: UsageEvent }) {
  if (!event.firewallPolicyId) return <span class="muted">—</span>;
  if (!event.firewallDecision) return <span class="muted small">No rule matched</span>;
  const bad = event.firewallDecision === 'blocked';
  return (
    <>
      <span class={bad ? 'badge badge-bad' : 'badge'}>
        {labels[event.firewallDecision] ?? event.firewallDecision}
      </span>
      {event.firewallRule && <span class="muted small mono"> {event.firewallRule}</span>}
    </>
  );
}
