import type { TollgateError } from '../../errors/tollgate-error.js';
import { type RequestFirewall, toolCallBlocked } from './request-firewall.js';
import { toolCallsOfAnswer } from './response-calls.js';

/**
 * The response stage on a complete JSON answer, in the client's format: each tool call the model
 * emitted, in order. The first refused call replaces the whole answer by a 403 `tool_call_blocked`
 * (a partial answer would keep text that announces the call); in a dry run only the verdict changes.
 */
export function screenAnswer(firewall: RequestFirewall, answer: unknown): TollgateError | undefined {
  for (const call of toolCallsOfAnswer(firewall.surface, answer)) {
    const rule = firewall.screenCall(call);
    if (rule !== undefined) return toolCallBlocked(firewall.policy.id, rule, call.name);
  }
  return undefined;
}
