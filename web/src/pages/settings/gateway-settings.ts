import type { GatewayConfig } from '../../api/types';

/** How a setting of `/gateway-config` is typed in, and what its field says. */
interface GatewaySetting {
  /**
   * `flag`: a checkbox. `duration` ("60s") and `count` (tokens, bytes): empty means the default or no
   * cap, sent as `null`; other text goes as typed, so a bad value's message names the field.
   */
  kind: 'flag' | 'duration' | 'count';
  label: string;
  hint: string;
}

/** Every setting the Settings page edits, each described once; its cards say which go where. */
export const gatewaySettings = {
  perRequestTimeout: {
    kind: 'duration',
    label: 'Timeout per attempt',
    hint: 'A duration such as "60s" or "2m". Empty: the default.',
  },
  totalTimeout: {
    kind: 'duration',
    label: 'Total timeout',
    hint: 'Bounds every attempt of one request together.',
  },
  maxInputTokens: {
    kind: 'count',
    label: 'Max input tokens',
    hint: 'Larger requests are refused before any upstream call. Empty: no cap.',
  },
  maxOutputTokens: {
    kind: 'count',
    label: 'Max output tokens',
    hint: 'Caps max_tokens on every request. Empty: no cap.',
  },
  captureBodies: {
    kind: 'flag',
    label: 'Capture request and response bodies of every access key',
    hint: 'Off by default. Bodies are encrypted at rest, scrubbed of keys and tokens, never logged, and shown in the usage request log.',
  },
  captureRetention: {
    kind: 'duration',
    label: 'Keep captures for',
    hint: 'A duration up to "720h" (30 days). Empty: 168h.',
  },
  captureMaxBodyBytes: {
    kind: 'count',
    label: 'Size cap per body (bytes)',
    hint: '1024 to 1048576; longer bodies are cut. Empty: 65536.',
  },
} as const satisfies { [Name in keyof GatewayConfig]?: GatewaySetting };

export type GatewaySettingName = keyof typeof gatewaySettings;

/** The form's draft: text as typed, on/off for flags. */
export type SettingsDraft = Partial<Record<GatewaySettingName, string | boolean>>;

/** The draft of `names` as the config has them: empty where a setting is not set. */
export function settingsDraftOf(config: GatewayConfig, names: readonly GatewaySettingName[]): SettingsDraft {
  const draft: SettingsDraft = {};
  for (const name of names) {
    const value = config[name];
    draft[name] = gatewaySettings[name].kind === 'flag' ? value === true : (value?.toString() ?? '');
  }
  return draft;
}

/** The PATCH body for the draft's settings `names`. */
export function settingsWriteOf(
  draft: SettingsDraft,
  names: readonly GatewaySettingName[],
): Partial<Record<GatewaySettingName, string | number | boolean | null>> {
  const body: Partial<Record<GatewaySettingName, string | number | boolean | null>> = {};
  for (const name of names) {
    const value = draft[name];
    const text = String(value ?? '').trim();
    const { kind } = gatewaySettings[name];
    if (kind === 'flag') body[name] = value === true;
    else if (text === '') body[name] = null;
    else body[name] = kind === 'count' ? Number(text) : text;
  }
  return body;
}
