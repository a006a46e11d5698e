/**
 * How late a 1 ms timer fires in this process while the machine is otherwise idle: the scheduling
 * floor under every process of the benchmark. A proxy adds two wake-ups to each request (the
 * request arriving, the upstream's answer arriving); when the machine delays wake-ups by
 * milliseconds a few times a second idle, and more often under load, that shows up in any proxy's
 * added p99, whatever its code.
 */
export interface TimerLateness {
  seconds: number;
  ticks: number;
  /** Ticks that fired more than 2 ms after they were due. */
  over2ms: number;
  worstMs: number;
}

export function idleTimerLateness(seconds: number): Promise<TimerLateness> {
  return new Promise((resolve) => {
    let last = performance.now();
    let ticks = 0;
    let over2ms = 0;
    let worstMs = 0;
    const interval = setInterval(() => {
      const now = performance.now();
      const lateMs = now - last - 1;
      last = now;
      ticks++;
      if (lateMs > 2) over2ms++;
      worstMs = Math.max(worstMs, lateMs);
    }, 1);
    setTimeout(() => {
      clearInterval(interval);
      resolve({ seconds, ticks, over2ms, worstMs });
    }, seconds * 1000);
  });
}

export function describeLateness(lateness: TimerLateness): string {
  return (
    `a 1 ms timer in an idle process fired more than 2 ms late ${(lateness.over2ms / lateness.seconds).toFixed(1)} ` +
    `times a second (${lateness.over2ms} of ${lateness.ticks} ticks; at worst ${lateness.worstMs.toFixed(1)} ms late)`
  );
}
