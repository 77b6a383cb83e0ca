// graphql-js writes what the caller sent into its messages: a field or argument name, an enum
// value, a variable's whole value, the token a syntax error stopped at. A document and its
// variables may hold ID numbers and names, and an error message is what proxies, browser
// consoles and support tickets keep. So each such message is rewritten to say what kind of
// thing was wrong, and where (the error's locations, the input field's path), without the
// caller's text (docs/contract.md, "Errors").
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

/** A double-quoted segment as graphql-js writes one (its content may hold escaped quotes). */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * Caller-written parts in known places, rewritten. Order matters: the variable wrappers come
 * first and hand their inner reason to the rest (see withoutCallerText).
 */
const REWRITES: [RegExp, string][] = [
  // ValuesOfCorrectTypeRule: `Expected value of type "T", found <literal>; <reason>` or `…found <literal>.`
  [/^Expected value of type ("[^"]+"), found .*?(?:; (.*)|\.)$/s, 'Expected value of type $1.\u0000$2'],
  [/^Cannot query field "(?:[^"\\]|\\.)*" on type ("[^"]+")\./, 'Cannot query this field on type $1.'],
  [/^Unknown argument "(?:[^"\\]|\\.)*" on (field|directive) ("[^"]+")\./, 'Unknown argument on $1 $2.'],
  [/^Unknown (type|fragment|directive) "(?:[^"\\]|\\.)*"\./, 'Unknown $1.'],
  [/^Value "(?:[^"\\]|\\.)*" does not exist in ("[^"]+") enum\./, 'Value does not exist in $1 enum.'],
  [/^Field "(?:[^"\\]|\\.)*" is not defined by type ("[^"]+")\./, 'Field is not defined by type $1.'],
  [/^Fields "(?:[^"\\]|\\.)*" conflict because .*$/s, 'Two fields share one response name (alias) but differ; use different aliases.'],
  [/^Fragment "(?:[^"\\]|\\.)*" is never used\./, 'A fragment is never used.'],
  [/^Fragment "(?:[^"\\]|\\.)*" cannot/, 'A fragment cannot'],
  [/^Cannot spread fragment "(?:[^"\\]|\\.)*" within itself.*$/s, 'A fragment cannot spread itself.'],
  [
    /^There can be only one (fragment|operation|variable|argument|input field|directive) named "(?:[^"\\]|\\.)*"\./,
    'There can be only one $1 of one name.',
  ],
  [/^Unknown operation named "(?:[^"\\]|\\.)*"\./, 'The operationName names no operation in the document.'],
  // scalars' parseValue / parseLiteral: `<Type> cannot represent <what> value: <value>`
  [/^(\w+) cannot represent (.*?)value: .*$/s, '$1 cannot represent $2value.'],
  [/^Enum ("[^"]+") cannot represent (.*?)value: .*$/s, 'Enum $1 cannot represent $2value.'],
];

/**
 * `Variable "$v" got invalid value <value> at "v.a.b"; <reason>`: the value may hold anything
 * (even "; "), so the reason is taken from the end, and the path from just before it.
 */
const VARIABLE_VALUE = /^Variable "\$(?:[^"\\]|\\.)*" got invalid value .*; ([^;]*)$/s;
const VARIABLE_PATH = / at "[^".[]*([.[][^"]*)"; [^;]*$/s;
const VARIABLE_OTHER = /^Variable "\$(?:[^"\\]|\\.)*" (.*)$/s;

/**
 * The message without anything the caller wrote. `schemaNames` are the names a message may
 * still quote (types, fields, arguments, enum values, directives): anything else quoted after
 * the rewrites is replaced, so a graphql-js message not foreseen here cannot echo either.
 */
export function withoutCallerText(message: string, schemaNames: ReadonlySet<string>): string {
  if (message.startsWith('Syntax Error: ')) return syntaxMessage(message.slice('Syntax Error: '.length));
  let variable: string | undefined;
  let m = VARIABLE_VALUE.exec(message);
  if (m) {
    // the path below the variable is the input type's own field names: useful, and not the caller's
    const path = VARIABLE_PATH.exec(message)?.[1]?.replace(/^\./, '');
    variable = `A variable's value is invalid${path ? ` at "${path}"` : ''}: `;
    message = m[1]!;
  } else if ((m = VARIABLE_OTHER.exec(message))) {
    variable = 'A variable ';
    message = m[1]!;
  }
  for (const [pattern, replacement] of REWRITES) message = message.replace(pattern, replacement);
  // a literal's inner reason (after \0) is rewritten too, then joined back
  const [head, inner] = message.split('\u0000') as [string, string | undefined];
  message = inner ? `${head} ${withoutCallerText(inner, schemaNames)}` : head;
  message = message.replace(QUOTED, (quoted) =>
    schemaNames.has(bareName(quoted.slice(1, -1))) ? quoted : '(a name the schema does not define)',
  );
  return variable ? `${variable}${message}` : message;
}

/** GraphQL's punctuators: quoting one repeats nothing of the caller's */
const PUNCTUATOR = /^\s*"(?:[!$&():=@[\]{|}]|\.\.\.)"$/;

/** `Unexpected Name "x".`, `Invalid number, expected digit but got: "Z".`: the kind of token, not the token. */
function syntaxMessage(detail: string): string {
  const kind = detail
    .replace(/\s*"(?:[^"\\]|\\.)*"/g, (quoted) => (PUNCTUATOR.test(quoted) ? quoted : ''))
    .replace(/(?:,? but got:?|, found|:)\s*\.?$/, '')
    .replace(/[.\s]*$/, '');
  return `Syntax Error: ${kind}.`;
}

/** `[Purpose!]!` -> `Purpose`, `Query.person` stays, `@include` stays. */
function bareName(text: string): string {
  return text.replace(/^\[*|[\]!]*$/g, '');
}

/** Every name a message may quote: types, `Type.field`, fields, arguments, input fields, enum values, directives. */
export function schemaNamesOf(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    names.add(type.name);
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) names.add(field.name).add(`${type.name}.${field.name}`);
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values<GraphQLField<unknown, unknown>>(type.getFields())) {
        names.add(field.name).add(`${type.name}.${field.name}`);
        for (const arg of field.args) names.add(arg.name);
        // "Did you mean "person { ... }"?" quotes a real field with its selection
        if (!isEnumType(getNamedType(field.type))) names.add(`${field.name} { ... }`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) names.add(value.name);
  }
  for (const directive of schema.getDirectives()) {
    names.add(`@${directive.name}`);
    for (const arg of directive.args) names.add(arg.name);
  }
  return names;
}
