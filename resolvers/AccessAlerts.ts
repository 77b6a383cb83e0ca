// The auditor's alerts: the window is checked, then the one computation the console's alerts
// page shows too (src/audit/alerts.ts).
import { accessAlerts, alertWindow, DEFAULT_THRESHOLDS } from '../src/audit/alerts';
import type { GatewayContext } from '../src/context';
import type { AccessAlerts, QueryAccessAlertsArgs } from '../src/generated/graphql';

/** The caller's three columns as one object, as the schema groups them. */
function withCaller<A extends { actorSubject: string; actorRole: string; actorCounty: string | null }>(a: A) {
  return { ...a, caller: { subject: a.actorSubject, role: a.actorRole, county: a.actorCounty } };
}

export async function accessAlertsOf(_root: unknown, args: Partial<QueryAccessAlertsArgs>, ctx: GatewayContext): Promise<AccessAlerts> {
  const window = alertWindow(args.from, args.to, new Date());
  const alerts = await accessAlerts(ctx.app.audit.sql, window, DEFAULT_THRESHOLDS);
  return {
    from: window.from,
    to: window.to,
    volume: alerts.volume.map(withCaller),
    noRecord: alerts.noRecord.map(withCaller),
    denied: alerts.denied.map(withCaller),
    closedApplications: alerts.closedApplications,
    expiredApplications: alerts.expiredApplications,
  };
}
