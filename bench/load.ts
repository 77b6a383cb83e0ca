// Child process: one autocannon run, so the load never shares an event loop (or a core's
// time slice) with the gateway it measures. Reads its plan from the JSON file in argv[2],
// cycles through the plan's request bodies (one after another across all connections) and
// prints one JSON line: throughput, our own p50/p95/p99 from every response time, failures.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Plan {
  url: string;
  connections: number;
  durationSec: number;
  requests: { body: string; headers: Record<string, string> }[];
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Plan;
let next = 0;
const times: number[] = [];
const statuses: Record<string, number> = {};

const instance = autocannon(
  {
    url: plan.url,
    connections: plan.connections,
    duration: plan.durationSec,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (req: any) => {
          const r = plan.requests[next++ % plan.requests.length]!;
          return { ...req, method: 'POST', path: '/graphql', body: r.body, headers: { 'content-type': 'application/json', ...r.headers } };
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      console.log(JSON.stringify({ error: String(err) }));
      process.exit(1);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.max(0, Math.ceil((p / 100) * times.length) - 1))] ?? NaN;
    console.log(
      JSON.stringify({
        connections: plan.connections,
        durationSec: plan.durationSec,
        requests: times.length,
        // sent: answered plus those still in flight when the run stopped (the target works them off too)
        sent: Math.max(times.length, Number(result.requests.sent ?? times.length)),
        rps: times.length / plan.durationSec,
        p50: pct(50),
        p95: pct(95),
        p99: pct(99),
        max: times[times.length - 1] ?? NaN,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
      }),
    );
  },
);
instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  times.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
