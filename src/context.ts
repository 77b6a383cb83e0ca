// Built once per request: who asks, a logger child carrying the requestId, and fresh
// loaders, so nothing a loader holds can leak from one caller to another.
import type { App } from './app';
import type { Viewer } from './auth/viewer';
import { EvidenceReader } from './evidence/reader';
import type { Logger } from './observability/logger';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer;
  logger: Logger;
  evidence: EvidenceReader;
  app: App;
  /** epoch ms by which the whole request must be answered */
  deadline: number;
}

export function buildContext(
  app: App,
  viewer: Viewer,
  requestId: string,
  /** correlationId: the caller's own x-request-id, logged beside the gateway's requestId */
  opts: { fresh: boolean; correlationId?: string },
): GatewayContext {
  const deadline = Date.now() + app.config.requestTimeoutMs;
  const evidence = new EvidenceReader({
    fetchers: app.fetchers,
    cache: app.cache,
    audit: app.audit,
    inflight: app.inflight,
    viewer,
    requestId,
    deadline,
    fresh: opts.fresh,
    observer: {
      cacheLookup: (name, hits, misses) => {
        if (hits) app.metrics.cacheLookups.inc({ evidence: name, result: 'hit' }, hits);
        if (misses) app.metrics.cacheLookups.inc({ evidence: name, result: 'miss' }, misses);
      },
      noRecord: (name) => app.metrics.noRecordReads.inc({ evidence: name, role: viewer.role }),
    },
  });
  const logger = app.logger.child(opts.correlationId ? { requestId, correlationId: opts.correlationId } : { requestId });
  return { requestId, viewer, logger, evidence, app, deadline };
}
