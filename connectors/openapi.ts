// Each department's API is an OpenAPI 3.1 document beside its connector. The same document
// gives the connector its TypeScript types (openapi-typescript, `npm run codegen`) and, here,
// the runtime validators for what the department sends back: one source of truth, so a
// department that drifts from its published shape is caught at the boundary.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/);
ajv.addFormat('int32', true);
ajv.addFormat('int64', true);

export interface OpenApiDocument {
  /** the parsed document, for walking its paths and operations */
  readonly document: Record<string, unknown>;
  /** a validator for `#/components/schemas/<name>`; it throws on data that does not match */
  validator<T>(schemaName: string): (data: unknown) => T;
  /** a validator for the schema at a JSON pointer into the document (e.g. one operation's answer) */
  validatorAt<T>(pointer: string, label: string): (data: unknown) => T;
}

const loaded = new Map<string, OpenApiDocument>();

/** Loads `openapi.yaml` from a connector folder (given as import.meta.url of a file in it). */
export function loadOpenApi(moduleUrl: string): OpenApiDocument {
  const path = new URL('./openapi.yaml', moduleUrl).pathname;
  const existing = loaded.get(path);
  if (existing) return existing;
  const doc = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const id = `urn:department-api:${path}`;
  ajv.addSchema({ ...doc, $id: id });
  const api: OpenApiDocument = {
    document: doc,
    validator<T>(schemaName: string) {
      return api.validatorAt<T>(`/components/schemas/${schemaName}`, schemaName);
    },
    validatorAt<T>(pointer: string, label: string) {
      const validate = ajv.getSchema(`${id}#${pointer}`);
      if (!validate) throw new Error(`${path}: no schema at ${pointer}`);
      return (data: unknown): T => {
        if (!validate(data)) {
          // only the path and keyword: the data itself may be personal
          const first = validate.errors?.[0];
          throw new Error(`payload does not match ${label}${first ? ` at ${first.instancePath || '/'} (${first.keyword})` : ''}`);
        }
        return data as T;
      };
    },
  };
  loaded.set(path, api);
  return api;
}
