import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BucketHistogram } from './bucket-histogram.js';

const buckets = [0.005, 0.01, 0.5, 1, 10];
// On a bound, between bounds, below the first and above the last (+Inf only).
const observations = [0.005, 0.0051, 0.001, 0.5, 3, 11, 0.25, 1];

/** The same histogram twice: prom-client's own in one registry, ours in another. */
function both(labelNames: readonly ('provider' | 'model')[]) {
  const config = { name: 'tollgate_test_seconds', help: 'A test histogram', buckets };
  const theirs = new Registry();
  const ours = new Registry();
  return {
    theirs,
    ours,
    prom: new Histogram({ ...config, labelNames, registers: [theirs] }),
    bucket: new BucketHistogram({ ...config, labelNames, registers: [ours] }),
  };
}

async function expectSameOutput(theirs: Registry, ours: Registry): Promise<void> {
  expect(await ours.metrics()).toBe(await theirs.metrics());
  expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
}

describe('BucketHistogram', () => {
  it('is scraped exactly as prom-client’s histogram, by label set', async () => {
    const { theirs, ours, prom, bucket } = both(['provider', 'model']);
    // Series are listed in the order they began: prom-client's at their first observation.
    const anthropic = bucket.labels({ provider: 'anthropic', model: 'claude' });
    const openai = bucket.labels({ provider: 'openai', model: 'gpt-4o' });
    for (const [index, value] of observations.entries()) {
      const labels =
        index % 3 === 0
          ? { provider: 'anthropic', model: 'claude' }
          : { provider: 'openai', model: 'gpt-4o' };
      prom.labels(labels).observe(value);
      (index % 3 === 0 ? anthropic : openai).observe(value);
    }
    const text = await ours.metrics();
    expect(text).toContain('tollgate_test_seconds_bucket{le="+Inf",provider="openai",model="gpt-4o"} 5');
    await expectSameOutput(theirs, ours);
    // After a reset, a series kept by its caller shows again once it is observed.
    theirs.resetMetrics();
    ours.resetMetrics();
    await expectSameOutput(theirs, ours);
    prom.labels({ provider: 'openai', model: 'gpt-4o' }).observe(0.75);
    openai.observe(0.75);
    expect(await ours.metrics()).toContain('tollgate_test_seconds_count{provider="openai",model="gpt-4o"} 1');
    await expectSameOutput(theirs, ours);
  });

  it('shows a label-less series from the start, hidden by a reset until observed again', async () => {
    const { theirs, ours, prom, bucket } = both([]);
    await expectSameOutput(theirs, ours);
    for (const value of observations) {
      prom.observe(value);
      bucket.observe(value);
    }
    expect(await ours.metrics()).toContain('tollgate_test_seconds_count 8');
    await expectSameOutput(theirs, ours);
    theirs.resetMetrics();
    ours.resetMetrics();
    await expectSameOutput(theirs, ours);
    prom.observe(0.02);
    bucket.observe(0.02);
    await expectSameOutput(theirs, ours);
  });

  it('refuses a label it was not given and a value that is not a number', () => {
    const { bucket } = both(['provider']);
    expect(() => bucket.labels({ model: 'x' } as never)).toThrow(/not one of/);
    expect(() => bucket.labels({ provider: 'openai' }).observe(Number.NaN)).toThrow(/not a valid number/);
  });
});
