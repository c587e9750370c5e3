import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, DECORATORS, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CODES, ProblemCode } from '../common/problem';

export class FieldErrorView {
  @ApiProperty({ example: 'closesAt', description: 'The field, dotted into nested objects and arrays (`budget.0.amount`)' })
  field!: string;

  @ApiProperty({ example: 'closesAt must carry an offset' })
  message!: string;
}

/** RFC 9457 problem details, as every error of the API is rendered (src/common/problem.filter.ts). */
export class ProblemView {
  @ApiProperty({ format: 'uri', example: 'https://avustus.example/problems/call-closed' })
  type!: string;

  @ApiProperty({ example: 'Conflict', description: 'The status’s reason phrase' })
  title!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 409 })
  status!: number;

  @ApiProperty({ example: 'The call closed at 2018-11-22T00:00:00+02:00' })
  detail!: string;

  @ApiProperty({ enum: PROBLEM_CODES, enumName: 'ProblemCode', description: 'Stable machine code; clients branch on it' })
  code!: ProblemCode;

  @ApiPropertyOptional({ type: FieldErrorView, isArray: true, description: 'With VALIDATION_FAILED: every failing field' })
  errors?: FieldErrorView[];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: the request is invalid; `errors` names each field',
  401: 'UNAUTHENTICATED: the token is missing, expired or invalid',
  403: 'FORBIDDEN: the caller may not do this',
  404: 'NOT_FOUND: no such record, or not one the caller may see',
  409: 'INVALID_STATE: the record is not in a state that allows this',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not of a media type this route accepts',
  429: 'RATE_LIMITED: too many requests; retry after `Retry-After` seconds',
  503: 'SERVICE_UNAVAILABLE: a dependency does not answer; retry later',
};

/** An error response object, problem+json; `description` says which codes and why. */
export function ApiProblemResponse(description: string, headers?: HeadersObject): ResponseObject {
  return { description, headers, content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } } };
}

/**
 * One error response of an operation (or of every operation of a controller). Unlike @ApiResponse,
 * which joins the descriptions of one status, the last one applied replaces an earlier one, so a
 * route's own words win over a default (the decorator nearest the method is applied first).
 */
export function ApiProblem(status: number, description = DEFAULT_DESCRIPTIONS[status], headers?: HeadersObject) {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder: object = descriptor?.value ?? target;
    const stated: Record<string, unknown> | undefined = Reflect.getMetadata(DECORATORS.API_RESPONSE, holder);
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...stated, [status]: ApiProblemResponse(description, headers) }, holder);
  };
}

/** Error responses with their usual meaning (see ApiProblem for one with its own description). */
export const ApiProblems = (...statuses: number[]) => applyDecorators(...statuses.map((status) => ApiProblem(status)));
