/**
 * Which operations the compiled executor may run, decided once per compiled operation from its AST.
 *
 * graphql-jit is faithful to graphql-js for plain queries, but not everywhere, and the promise here is
 * byte-identical responses. So anything where the two are known to differ, or where a second execution
 * (see jit-executor.ts) would not be harmless, is left to graphql-js:
 * - mutations and subscriptions: the executor may re-run an operation, which only a read may allow;
 * - `@skip` / `@include`: graphql-jit documents its handling of them on fragment spreads as unsettled
 *   (its `useExperimentalPathBasedSkipInclude` option), and they cost graphql-js nothing to evaluate;
 * - introspection (`__schema`, `__type`): Sandbox and codegen traffic, never hot, and served by
 *   graphql-js's own introspection resolvers exactly as before.
 *
 * It also lists the variables used *inside* list or input-object literals (`filter: { sector: $s }`):
 * graphql-js leaves such a field out when the variable is not given, whereas graphql-jit passes `null`.
 * The executor checks those per request and lets graphql-js answer when one of them is absent or null.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

export type OperationSupport =
  | { kind: 'supported'; /** Variables used inside list or object literals of arguments. */ nestedVariables: readonly string[] }
  | { kind: 'unsupported'; reason: string };

export function operationSupport(document: DocumentNode, operation: OperationDefinitionNode): OperationSupport {
  if (operation.operation !== 'query') return { kind: 'unsupported', reason: `a ${operation.operation}, not a query` };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const nested = new Set<string>();
  const visitedFragments = new Set<string>();
  let reason: string | null = null;

  const visitSelections = (selectionSet: SelectionSetNode, atRoot: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (reason !== null) return;
      if (selection.directives?.length) {
        reason = `uses @${selection.directives[0]!.name.value}`;
        return;
      }
      switch (selection.kind) {
        case Kind.FIELD:
          if (atRoot && (selection.name.value === '__schema' || selection.name.value === '__type')) {
            reason = 'an introspection query';
            return;
          }
          for (const argument of selection.arguments ?? []) collectNestedVariables(argument.value, false, nested);
          if (selection.selectionSet) visitSelections(selection.selectionSet, false);
          break;
        case Kind.INLINE_FRAGMENT:
          visitSelections(selection.selectionSet, atRoot);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (visitedFragments.has(name)) break;
          visitedFragments.add(name);
          const fragment = fragments.get(name);
          // Validation guarantees the fragment exists; a missing one is graphql-js's to report.
          if (fragment === undefined) {
            reason = `spreads an unknown fragment ${name}`;
            return;
          }
          if (fragment.directives?.length) {
            reason = `fragment ${name} has directives`;
            return;
          }
          visitSelections(fragment.selectionSet, atRoot);
          break;
        }
      }
    }
  };

  if (operation.directives?.length) return { kind: 'unsupported', reason: 'the operation has directives' };
  visitSelections(operation.selectionSet, true);
  if (reason !== null) return { kind: 'unsupported', reason };
  return { kind: 'supported', nestedVariables: [...nested] };
}

/** Adds the variables found inside list and object literals (a variable as the whole argument is not nested). */
function collectNestedVariables(value: ValueNode, insideLiteral: boolean, into: Set<string>): void {
  switch (value.kind) {
    case Kind.VARIABLE:
      if (insideLiteral) into.add(value.name.value);
      return;
    case Kind.LIST:
      for (const item of value.values) collectNestedVariables(item, true, into);
      return;
    case Kind.OBJECT:
      for (const field of value.fields) collectNestedVariables(field.value, true, into);
      return;
    default:
      return;
  }
}
