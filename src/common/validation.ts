import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, Problem } from './problem';

/**
 * One entry per broken rule, per field. A field that is missing altogether gets one "is required"
 * instead of every rule its absent value breaks ("must be longer than 1 characters", "must be an
 * integer number", …): optional fields are skipped when absent, so any rule firing on an absent
 * value means the field is required.
 */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    const missing = e.value === undefined && messages.length > 0 && !e.constraints?.whitelistValidation;
    const own = (missing ? [`${field} is required`] : messages).map((message) => ({ field, message }));
    return own.concat(flatten(e.children ?? [], field));
  });
}

/** Unknown fields refused, types converted, every failure reported per field as VALIDATION_FAILED. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => Problem.validation(flatten(errors)),
  });
}
