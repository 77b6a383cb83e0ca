// The fields a query actually selected under one field: what the access log records as
// "which fields were read" (fragments and inline fragments included).
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export function selectedFields(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info.fragments, names, '');
  return [...names].sort();
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
