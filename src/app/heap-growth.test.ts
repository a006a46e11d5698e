import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const moduleUrl = new URL('./heap-growth.ts', import.meta.url).href;

/**
 * In a process of its own (the flag is process-wide): ~10 MB live, then batches of objects that
 * live long enough to be promoted and die in the old generation, the way a gateway's requests do
 * under load. Prints the largest old space seen, in bytes.
 */
const workload = `
import { getHeapSpaceStatistics } from 'node:v8';
import { boundHeapGrowth } from ${JSON.stringify(moduleUrl)};
boundHeapGrowth(Number(process.argv[1]));
const live = Array.from({ length: 100_000 }, (_, i) => ({ i, text: 'x' + i }));
const recent = [];
let largest = 0;
for (let round = 0; round < 4_000; round++) {
  recent.push(Array.from({ length: 1_000 }, (_, j) => ({ j, round, pair: [round, j] })));
  if (recent.length > 150) recent.shift();
  if (round % 10 === 0) {
    const old = getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
    largest = Math.max(largest, old?.space_size ?? 0);
  }
}
process.stdout.write(String(largest));
void live; // live to the end
`;

async function largestOldSpace(percent: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', workload, String(percent)],
    { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
  );
  return Number(stdout);
}

describe('boundHeapGrowth', () => {
  it('keeps the old generation close to what it holds live, where V8 alone lets it grow to several times that', async () => {
    const [unbounded, bounded] = await Promise.all([largestOldSpace(0), largestOldSpace(20)]);
    expect(unbounded).toBeGreaterThan(0);
    expect(bounded).toBeLessThan(unbounded * 0.6);
  });
});
