// The load generator of `npm run bench:serve`, in its own process: autocannon against one URL with
// the request bodies given (cycled), for a number of seconds over keep-alive connections. Prints the
// figures as one JSON line.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

const [url, bodiesFile, connections, seconds] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8'));
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  pipelining: 1,
  requests: bodies.map((body) => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body })),
});
console.log(JSON.stringify({
  requests_per_s: result.requests.average,
  requests: result.requests.total,
  latency_ms: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
}));
