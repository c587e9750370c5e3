import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { ApiProblemResponse } from './problems';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Errors any operation can give, whatever its controller says: the database or Redis away, or a bug. */
const EVERY_OPERATION: Record<string, ResponseObject> = {
  '500': ApiProblemResponse('INTERNAL_ERROR: something went wrong on the service’s side; it has been logged'),
  '503': ApiProblemResponse('SERVICE_UNAVAILABLE: the database is not reachable or a concurrent update got in the way; retry'),
};

/**
 * What holds for every operation of the document, added in one place rather than on each route:
 * a body can be too large (413, over `bodyLimit`), and 500 and 503 can always happen.
 * Responses a route declares itself are kept. The server is this service, for every environment.
 */
export function completeDocument(document: OpenAPIObject, bodyLimit: number): OpenAPIObject {
  const tooLarge = ApiProblemResponse(`PAYLOAD_TOO_LARGE: the body is larger than the service accepts (${bodyLimit} bytes)`);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const general = operation.requestBody ? { '413': tooLarge, ...EVERY_OPERATION } : EVERY_OPERATION;
      operation.responses = { ...general, ...operation.responses };
    }
  }
  document.servers = (document.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  return document;
}
