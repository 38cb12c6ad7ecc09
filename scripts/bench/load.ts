// One load measurement with autocannon, and the arithmetic the benchmarks summarise rounds with.
import autocannon from "autocannon";

export const CONNECTIONS = 64;

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  failures: number;
}

/**
 * Loads `options.url` for `seconds` at 64 connections after a 2 s warm-up at 8, and returns the
 * rate, latencies and the server's CPU time per request (`cpuSeconds` reads the server's total).
 */
export async function measure({
  options,
  seconds,
  cpuSeconds,
}: {
  options: autocannon.Options;
  seconds: number;
  cpuSeconds: () => number;
}): Promise<Measured> {
  await autocannon({ ...options, connections: 8, duration: 2 });
  const cpuBefore = cpuSeconds();
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: (1000 * (cpuSeconds() - cpuBefore)) / result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
