export interface Router {
  /** the router's GraphQL endpoint */
  url: string;
  stop(): Promise<void>;
}

/** Serves the supergraph on 127.0.0.1 (any free port unless one is given). */
export function startRouter(supergraphSdl: string, port?: number): Promise<Router>;
