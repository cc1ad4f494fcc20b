/**
 * The gate's metrics in the Prometheus text exposition format (version 0.0.4): verifications by result
 * and venue category, requests by route and status, request latency histograms by route, and gauges of
 * the lists in force. Recording is a map lookup and a few additions: cheap enough for every request.
 */

/** Seconds: from well under a millisecond (one verification) to the 2.5 s of a large batch. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A label value as the format escapes it: backslash, double quote and line feed. */
const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

class Histogram {
  readonly counts = new Array<number>(LATENCY_BUCKETS.length).fill(0);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) this.counts[i]! += 1;
    this.sum += seconds;
    this.count += 1;
  }
}

/** A gauge read at each scrape: name (without the passgate_ prefix), help text and value (null leaves it out). */
export interface Gauge {
  readonly name: string;
  readonly help: string;
  readonly value: number | null;
}

export type GaugeSource = () => readonly Gauge[];

export class GateMetrics {
  private readonly verifications = new Map<string, number>();
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly cardTaps = new Map<string, number>();

  constructor(private readonly gauges: GaugeSource = () => []) {}

  /** One verification answered (HTTP or the line relay). */
  verification(result: string, venue: string | undefined): void {
    const key = `result="${escapeLabel(result)}",venue="${escapeLabel(venue ?? 'none')}"`;
    this.verifications.set(key, (this.verifications.get(key) ?? 0) + 1);
  }

  /** One card brought to the reader (--card-reader): READ when its pass was read, else the card's error code. */
  cardTap(outcome: string): void {
    this.cardTaps.set(outcome, (this.cardTaps.get(outcome) ?? 0) + 1);
  }

  /** One HTTP request answered, with how long it took from its first byte to its answer. */
  request(route: string, status: number, seconds: number): void {
    const key = `route="${escapeLabel(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = new Histogram()));
    h.observe(seconds);
  }

  /** The exposition text. */
  text(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      out.push(`# HELP passgate_${name} ${help}`, `# TYPE passgate_${name} ${type}`);
    };
    family('verifications_total', 'counter', 'Presentations verified, by PG1 result code and venue category.');
    for (const [labels, n] of this.verifications) out.push(`passgate_verifications_total{${labels}} ${n}`);
    family('http_requests_total', 'counter', 'HTTP requests answered, by route and status.');
    for (const [labels, n] of this.requests) out.push(`passgate_http_requests_total{${labels}} ${n}`);
    family('http_request_duration_seconds', 'histogram', 'Time from a request to its answer, by route.');
    for (const [route, h] of this.latency) {
      const r = `route="${escapeLabel(route)}"`;
      LATENCY_BUCKETS.forEach((le, i) => out.push(`passgate_http_request_duration_seconds_bucket{${r},le="${le}"} ${h.counts[i]}`));
      out.push(`passgate_http_request_duration_seconds_bucket{${r},le="+Inf"} ${h.count}`);
      out.push(`passgate_http_request_duration_seconds_sum{${r}} ${h.sum}`);
      out.push(`passgate_http_request_duration_seconds_count{${r}} ${h.count}`);
    }
    if (this.cardTaps.size > 0) {
      family('card_taps_total', 'counter', 'Cards brought to the reader, by outcome: READ, or why no pass was read.');
      for (const [outcome, n] of this.cardTaps) out.push(`passgate_card_taps_total{outcome="${escapeLabel(outcome)}"} ${n}`);
    }
    for (const g of this.gauges()) {
      if (g.value === null) continue;
      family(g.name, 'gauge', g.help);
      out.push(`passgate_${g.name} ${g.value}`);
    }
    return out.join('\n') + '\n';
  }
}
