/**
 * graphql-js's execute, called exactly as Apollo Server calls it when it has no gateway
 * (requestPipeline.ts: schema, document, the request's raw variables and operation name, the context; no
 * root value or field resolver, as createApollo sets neither). It is the reference the compiled executor
 * must match, and the answer whenever the compiled one cannot give the same.
 */
import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';

export interface ExecutionRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  contextValue: unknown;
  variables: Record<string, unknown> | undefined;
  /** As the client sent it (graphql-js picks the operation with it, as Apollo did). */
  operationName: string | undefined;
}

export async function referenceExecute(request: ExecutionRequest): Promise<ExecutionResult> {
  return execute({
    schema: request.schema,
    document: request.document,
    contextValue: request.contextValue,
    variableValues: request.variables,
    operationName: request.operationName,
  });
}
