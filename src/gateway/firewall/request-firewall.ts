import type { CompiledPolicy, ToolSubject } from '../../domain/firewall/compiled-policy.js';
import { type FirewallVerdict, strongerVerdict } from '../../domain/firewall/firewall-verdict.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import { quoted } from '../../http/quoted.js';
import type { ApiSurface } from '../../providers/types.js';

/** The surfaces whose answers carry tool calls (not legacy completions, not embeddings). */
const toolSurfaces: ReadonlySet<ApiSurface> = new Set(['chat-completions', 'messages', 'responses']);

/**
 * The firewall of one request under a policy: the verdict so far (written on its usage events)
 * and the response stage's check of each tool call the model emits. Made only for requests whose
 * key's configuration attaches a policy; every other request carries `undefined`.
 */
export class RequestFirewall {
  constructor(
    readonly policy: CompiledPolicy,
    readonly surface: ApiSurface,
    public verdict: FirewallVerdict,
  ) {}

  /** Whether answers must be screened: the policy has response rules and the surface has tool calls. */
  get screensResponses(): boolean {
    return this.policy.hasResponseRules && toolSurfaces.has(this.surface);
  }

  /** Checks one complete tool call; the rule's name when an enforcing policy refuses it. */
  screenCall(call: ToolSubject): string | undefined {
    const match = this.policy.evaluate('response', 'call', call);
    this.verdict = strongerVerdict(this.verdict, this.policy.id, match, this.policy.mode);
    return match?.action === 'block' && this.policy.mode === 'enforce' ? match.rule : undefined;
  }
}

/** The 403 for a tool call the model emitted and a rule refused. */
export function toolCallBlocked(policyId: string, rule: string, tool: string): TollgateError {
  return new TollgateError(
    'tool_call_blocked',
    `The model called the tool ${quoted(tool)}, which firewall policy ${policyId} refuses (rule "${rule}").`,
    { param: rule },
  );
}

/** The 403 for a request whose tools or tool results a rule refuses. */
export function toolBlocked(policyId: string, rule: string, tool: string): TollgateError {
  return new TollgateError(
    'tool_blocked',
    `The tool ${quoted(tool)} is refused by firewall policy ${policyId} (rule "${rule}").`,
    { param: rule },
  );
}
