import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ApiProblem } from '../openapi/problems';
import { Problem } from './problem';

/**
 * A path parameter that must be a UUID; anything else is a 400 naming it. The OpenAPI document
 * says so too: the parameter as `format: uuid`, and the operation's 400.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => Problem.field(name, `${name} must be a UUID`) }))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || !descriptor) return;
    ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
    ApiProblem(400, 'VALIDATION_FAILED: a field is invalid, or a path id is not a UUID')(target, key, descriptor);
  };
