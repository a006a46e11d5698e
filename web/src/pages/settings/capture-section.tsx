import { Checkbox } from '../../components/checkbox';
import { NumberField } from '../../components/number-field';
import { TextField } from '../../components/text-field';
import { GatewayConfigCard } from './gateway-config-card';
import { countOf, durationOf, textOf } from './nullable-setting';

/** Opt-in request capture (`/gateway-config`'s capture fields). */
export function CaptureSection() {
  return (
    <GatewayConfigCard
      title="Request capture"
      titleId="capture-title"
      submitLabel="Save capture settings"
      draftOf={(config) => ({
        captureBodies: config.captureBodies ?? false,
        captureRetention: textOf(config.captureRetention),
        captureMaxBodyBytes: textOf(config.captureMaxBodyBytes),
      })}
      writeOf={(draft) => ({
        captureBodies: draft.captureBodies,
        captureRetention: durationOf(draft.captureRetention),
        captureMaxBodyBytes: countOf(draft.captureMaxBodyBytes),
      })}
    >
      {(form) => (
        <>
          <Checkbox
            checked={form.values.captureBodies}
            onChange={(captureBodies) => form.change({ captureBodies })}
          >
            Capture request and response bodies of every access key
          </Checkbox>
          <p class="field-hint">
            Off by default. Bodies are encrypted at rest, scrubbed of keys and tokens, never logged, and shown
            in the usage request log.
          </p>
          <div class="field-row">
            <TextField
              label="Keep captures for"
              hint='A duration up to "720h" (30 days). Empty: 168h.'
              class="mono"
              {...form.field('captureRetention')}
            />
            <NumberField
              label="Size cap per body (bytes)"
              hint="1024 to 1048576; longer bodies are cut. Empty: 65536."
              {...form.field('captureMaxBodyBytes')}
            />
          </div>
        </>
      )}
    </GatewayConfigCard>
  );
}
