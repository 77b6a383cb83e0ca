// The auditor's alerts: the window is checked, then the one computation the console's alerts
// page shows too (src/audit/alerts.ts).
import { accessAlerts, alertWindow, DEFAULT_THRESHOLDS } from '../src/audit/alerts';
import type { GatewayContext } from '../src/context';
import type { AccessAlerts, QueryAccessAlertsArgs } from '../src/generated/graphql';

export async function accessAlertsOf(_root: unknown, args: Partial<QueryAccessAlertsArgs>, ctx: GatewayContext): Promise<AccessAlerts> {
  const window = alertWindow(args.from, args.to, new Date());
  const alerts = await accessAlerts(ctx.app.audit.sql, window, DEFAULT_THRESHOLDS);
  return { ...alerts, from: window.from, to: window.to };
}
