import type { FirewallAction, FirewallMode, FirewallRule, FirewallStage } from './firewall-policy-schema.js';
import { compileGlob, compileLinearRegex, type LinearRegex } from './linear-regex.js';

/** A tool as a rule sees it: its name, and a call's JSON arguments when there is a call. */
export interface ToolSubject {
  name: string;
  /** A call's arguments as JSON text; undefined for an advertised tool. */
  arguments: string | undefined;
}

/** What the tool is: advertised by the client, the result of an earlier call, or a call the model emits. */
export type SubjectKind = 'advertised' | 'result' | 'call';

export interface RuleMatch {
  rule: string;
  action: FirewallAction;
}

interface CompiledRule {
  name: string;
  action: FirewallAction;
  request: boolean;
  response: boolean;
  tools: LinearRegex[] | undefined;
  argumentsPattern: LinearRegex | undefined;
}

/** A policy prepared for the hot path: globs and patterns compiled once per policy version. */
export class CompiledPolicy {
  private readonly rules: CompiledRule[];
  /** Whether any rule looks at a stage: a policy without response rules leaves answers untouched. */
  readonly hasRequestRules: boolean;
  readonly hasResponseRules: boolean;

  constructor(
    readonly id: string,
    readonly mode: FirewallMode,
    rules: readonly FirewallRule[],
  ) {
    this.rules = rules.map((rule) => ({
      name: rule.name,
      action: rule.action,
      request: rule.stages.includes('request'),
      response: rule.stages.includes('response'),
      tools: rule.tools?.map(compileGlob),
      argumentsPattern:
        rule.argumentsPattern === undefined ? undefined : compileLinearRegex(rule.argumentsPattern),
    }));
    this.hasRequestRules = this.rules.some((rule) => rule.request);
    this.hasResponseRules = this.rules.some((rule) => rule.response);
  }

  /**
   * The first rule that matches the tool at this stage, or undefined. A strip rule only applies to
   * advertised tools (a result or a call cannot be taken back without breaking the conversation),
   * so for those evaluation goes on past it; a rule with an arguments pattern needs arguments.
   */
  evaluate(stage: FirewallStage, kind: SubjectKind, subject: ToolSubject): RuleMatch | undefined {
    for (const rule of this.rules) {
      if (!(stage === 'request' ? rule.request : rule.response)) continue;
      if (rule.action === 'strip' && kind !== 'advertised') continue;
      if (rule.tools !== undefined && !rule.tools.some((glob) => glob.test(subject.name))) continue;
      if (rule.argumentsPattern !== undefined) {
        if (subject.arguments === undefined || !rule.argumentsPattern.test(subject.arguments)) continue;
      }
      return { rule: rule.name, action: rule.action };
    }
    return undefined;
  }
}
