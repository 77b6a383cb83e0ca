// The fields a query actually selected under one field: what the access log records as
// "which fields were read" (fragments and inline fragments included).
//
// Asked once per person per kind of evidence (and again by authorization), so the walk is
// remembered. The answer depends only on the field's nodes and the document's fragments, and
// Apollo hands every request of the same query the same cached document: a field asked through
// one node is remembered by that node, across requests; one asked through several (the same
// field selected twice) by graphql-js's array of them, shared by every item of a list.
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const byNode = new WeakMap<FieldNode, readonly string[]>();
const byNodes = new WeakMap<readonly FieldNode[], readonly string[]>();

/** A copy each time: the remembered list stays as it was whatever a caller does with its own. */
export function selectedFields(info: GraphQLResolveInfo): string[] {
  const nodes = info.fieldNodes;
  const single = nodes.length === 1 ? nodes[0]! : undefined;
  const known = single ? byNode.get(single) : byNodes.get(nodes);
  if (known) return known.slice();
  const names = new Set<string>();
  for (const node of nodes) collect(node.selectionSet, info.fragments, names, '');
  const fields = Object.freeze([...names].sort());
  if (single) byNode.set(single, fields);
  else byNodes.set(nodes, fields);
  return fields.slice();
}

function collect(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  out: Set<string>,
  prefix: string,
  seen = new Set<string>(),
): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name === '__typename' || name === 'provenance') continue;
      if (sel.selectionSet) collect(sel.selectionSet, fragments, out, `${prefix}${name}.`, seen);
      else out.add(prefix + name);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(sel.selectionSet, fragments, out, prefix, seen);
    } else {
      const name = sel.name.value;
      if (seen.has(name)) continue; // a cyclic fragment is refused by validation; never loop here
      seen.add(name);
      collect(fragments[name]?.selectionSet, fragments, out, prefix, seen);
    }
  }
}

/**
 * The operation a request runs (the named one, else the first), its root type and the
 * document's fragments by name: what the walks made before execution (the person cap, the cost
 * limit) start from. Undefined when the document holds no such operation.
 */
export function operationOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): { operation: OperationDefinitionNode; root: GraphQLObjectType; fragments: Map<string, FragmentDefinitionNode> } | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) operation ??= d;
  }
  const root = operation && schema.getRootType(operation.operation);
  return operation && root ? { operation, root, fragments } : undefined;
}
