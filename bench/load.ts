import http from 'node:http';

export type LoadResult = { requests: number; errors: number; seconds: number; latencies: number[] };

/** GETs the URLs in turn from `connections` keep-alive connections for `seconds`, timing each. */
export async function runLoad(
  baseUrl: string,
  urls: string[],
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const get = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.get(baseUrl + url, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
    });

  async function worker() {
    while (performance.now() < deadline) {
      const url = urls[next++ % urls.length]!;
      const before = performance.now();
      const status = await get(url).catch(() => 0);
      latencies.push(performance.now() - before);
      if (status !== 200) errors++;
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export type Figures = { requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number };

export function figures(result: LoadResult): Figures {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    requests: result.requests,
    errors: result.errors,
    perSecond: result.requests / result.seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}
