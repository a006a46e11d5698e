/** `provider:model` (explicit) or a bare model id (the catalog picks the provider). */
export interface ModelAddress {
  providerId: string | undefined;
  model: string;
}

/**
 * Splits at the first colon only: `openrouter:anthropic/claude-3.5-sonnet` keeps its slash.
 * A bare `provider/model` is not an address here (the reference says such ids fail); the
 * slash form is accepted only in allow-lists, where it is normalised.
 */
export function parseModelAddress(value: string): ModelAddress {
  const colon = value.indexOf(':');
  if (colon > 0 && colon < value.length - 1) {
    return { providerId: value.slice(0, colon), model: value.slice(colon + 1) };
  }
  return { providerId: undefined, model: value };
}

export function formatModelAddress(providerId: string, model: string): string {
  return `${providerId}:${model}`;
}
