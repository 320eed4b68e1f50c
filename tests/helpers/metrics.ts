/** Reads the gateway's Prometheus metrics the way a scraper does: GET /metrics. */
import type { GatewayApi } from './test-gateway.js';

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export async function scrape(gateway: GatewayApi): Promise<MetricSample[]> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] as string] = pair[2] as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `labels`. */
export async function metricValue(gateway: GatewayApi, name: string, labels: Record<string, string> = {}): Promise<number> {
  return (await scrape(gateway))
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
