/**
 * Allow-lists and router rules name models as `provider:model`, `provider/model`, the
 * reference's `provider:provider/model`, or a bare id. All are normalised to one form:
 * `provider:model` when the provider is known, else the bare (lowercased) id.
 */
export interface ModelReference {
  providerId: string | undefined;
  /** Lowercased: model names match case-insensitively. */
  model: string;
}

export function parseModelReference(entry: string, isKnownProvider: (id: string) => boolean): ModelReference {
  const trimmed = entry.trim();
  const colon = trimmed.indexOf(':');
  if (colon > 0) {
    const providerId = trimmed.slice(0, colon);
    let model = trimmed.slice(colon + 1);
    // `openai:openai/gpt-4o` (the reference's open-provider spelling) names `openai:gpt-4o`.
    if (model.startsWith(`${providerId}/`)) model = model.slice(providerId.length + 1);
    return { providerId, model: model.toLowerCase() };
  }
  const slash = trimmed.indexOf('/');
  if (slash > 0) {
    const providerId = trimmed.slice(0, slash);
    if (isKnownProvider(providerId)) return { providerId, model: trimmed.slice(slash + 1).toLowerCase() };
  }
  return { providerId: undefined, model: trimmed.toLowerCase() };
}

export function formatModelReference(reference: ModelReference): string {
  return reference.providerId === undefined ? reference.model : `${reference.providerId}:${reference.model}`;
}

/** A bare entry allows the model on any provider; a qualified one only on its provider. */
export function referenceMatches(reference: ModelReference, providerId: string, model: string): boolean {
  return (
    reference.model === model.toLowerCase() &&
    (reference.providerId === undefined || reference.providerId === providerId)
  );
}
