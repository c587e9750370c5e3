import type { HeadersObject, OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { ApiProblemResponse } from './problems';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Errors any operation can give, whatever its controller says: the database or Redis away, or a bug. */
const EVERY_OPERATION: Record<string, ResponseObject> = {
  '500': ApiProblemResponse('INTERNAL_ERROR: something went wrong on the service’s side; it has been logged'),
  '503': ApiProblemResponse('SERVICE_UNAVAILABLE: the database is not reachable or a concurrent update got in the way; retry'),
};

/** The per-user limit's headers (IETF draft-ietf-httpapi-ratelimit-headers-09), on every answer of an authenticated route. */
const RATE_LIMIT_HEADERS: HeadersObject = {
  RateLimit: {
    description: 'Requests left for this user in the current window and the seconds until it starts over, e.g. `"user";r=1187;t=42`',
    schema: { type: 'string', maxLength: 100 },
  },
  'RateLimit-Policy': {
    description:
      'The per-user limit: USER_RATE_LIMIT requests per 60-second window, counted across every API process, e.g. `"user";q=1200;w=60`',
    schema: { type: 'string', maxLength: 100 },
  },
};

const TOO_MANY = ApiProblemResponse(
  'RATE_LIMITED: more than USER_RATE_LIMIT requests from this user in a minute, counted across every API process; `Retry-After` gives the seconds to wait',
  {
    ...RATE_LIMIT_HEADERS,
    'Retry-After': { description: 'Seconds until a request is accepted again', schema: { type: 'integer', format: 'int32', minimum: 0 } },
  },
);

/**
 * What holds for every operation of the document, added in one place rather than on each route:
 * a body can be too large (413, over `bodyLimit`), and 500 and 503 can always happen. An
 * authenticated operation is limited per user (429) and states the limit on each of its 2xx and
 * 4xx answers. Responses a route declares itself are kept. The server is this service, for every environment.
 */
export function completeDocument(document: OpenAPIObject, bodyLimit: number): OpenAPIObject {
  const tooLarge = ApiProblemResponse(`PAYLOAD_TOO_LARGE: the body is larger than the service accepts (${bodyLimit} bytes)`);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const general = operation.requestBody ? { '413': tooLarge, ...EVERY_OPERATION } : EVERY_OPERATION;
      const authenticated = !(Array.isArray(operation.security) && operation.security.length === 0);
      operation.responses = { ...general, ...(authenticated ? { '429': TOO_MANY } : {}), ...operation.responses };
      if (!authenticated) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[24]/.test(status) || !response || '$ref' in response) continue;
        const stated = response as ResponseObject;
        operation.responses[status] = { ...stated, headers: { ...RATE_LIMIT_HEADERS, ...stated.headers } };
      }
    }
  }
  document.servers = (document.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  return document;
}
