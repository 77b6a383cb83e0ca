// The contract's /__mock endpoints: what the departments were asked, and faults to inject.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { z } from 'zod';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import type { ScenarioSummary } from '../data/families/summary';
import type { MockDepartments } from '../departments';

const faultPatch = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000),
    errorRate: z.number().min(0).max(1),
    status: z.number().int().min(400).max(599),
    down: z.boolean(),
    malformed: z.boolean(),
  })
  .partial()
  .strict();

export function controlHandlers(mock: MockDepartments, scenarios: () => ScenarioSummary[]): HttpHandler[] {
  return [
    http.get('*/__mock/scenarios', () => HttpResponse.json(scenarios())),
    http.get('*/__mock/stats', () => HttpResponse.json(mock.stats)),
    http.post('*/__mock/reset', () => {
      mock.reset();
      return HttpResponse.json({ ok: true });
    }),
    http.get('*/__mock/faults', () => HttpResponse.json(mock.faults)),
    http.put('*/__mock/faults/:department', async ({ params, request }) => {
      const department = String(params.department);
      if (!(DEPARTMENTS as readonly string[]).includes(department)) {
        return HttpResponse.json({ error: `unknown department; one of ${DEPARTMENTS.join(', ')}` }, { status: 404 });
      }
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return HttpResponse.json({ error: 'body must be JSON' }, { status: 400 });
      }
      const parsed = faultPatch.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return HttpResponse.json({ error: `invalid fault: ${issue?.path.join('.') || 'body'}: ${issue?.message}` }, { status: 400 });
      }
      return HttpResponse.json(mock.setFault(department as Department, parsed.data));
    }),
  ];
}
