/** A key (access, API) as the dashboard names it: its name, or its redacted token where it has none. */
export function keyLabel(key: { name?: string | null | undefined; keyRedacted: string }): string {
  return key.name ?? key.keyRedacted;
}
