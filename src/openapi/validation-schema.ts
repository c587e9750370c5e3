import { DECORATORS } from '@nestjs/swagger';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_UNIQUE,
  getMetadataStorage,
  IS_BOOLEAN,
  IS_EMAIL,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NUMBER,
  IS_OBJECT,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
} from 'class-validator';

/** The largest PostgreSQL `integer`. */
export const INT32_MAX = 2 ** 31 - 1;

type Schema = Record<string, unknown>;
/** A DTO class, as class-validator keys its metadata. */
type Class = abstract new (...args: never[]) => unknown;
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** What one class-validator constraint says about a value, in JSON Schema terms. */
function constraintSchema(m: ValidationMetadata): Schema {
  const [a, b] = m.constraints ?? [];
  switch (m.name) {
    case IS_INT:
      return { type: 'integer' };
    case IS_NUMBER:
      return { type: 'number' };
    case IS_BOOLEAN:
      return { type: 'boolean' };
    case IS_OBJECT:
      return { type: 'object' };
    case MIN:
      return { minimum: a };
    case MAX:
      return { maximum: a };
    case IS_LENGTH:
      return b === undefined ? { minLength: a } : { minLength: a, maxLength: b };
    case MIN_LENGTH:
      return { minLength: a };
    case MAX_LENGTH:
      return { maxLength: a };
    case ARRAY_MIN_SIZE:
      return { minItems: a };
    case ARRAY_MAX_SIZE:
      return { maxItems: a };
    case ARRAY_UNIQUE:
      return { uniqueItems: true };
    case IS_IN:
      return { enum: a };
    case IS_EMAIL:
      return { format: 'email' };
    case IS_UUID:
      return { format: 'uuid' };
    case IS_ISO8601:
      return { format: 'date-time' };
    case MATCHES:
      return { pattern: a instanceof RegExp ? a.source : String(a) };
    default:
      return {};
  }
}

/** int32 where the validated range fits, int64 (JSON numbers up to 2^53) otherwise. */
function withIntegerFormat(schema: Schema): Schema {
  if (schema.type !== 'integer') return schema;
  const fits = (v: unknown) => typeof v === 'number' && Math.abs(v) <= INT32_MAX;
  return { ...schema, format: fits(schema.minimum) && fits(schema.maximum) ? 'int32' : 'int64' };
}

/** The schema constraints of every validated property of `target`, `each` constraints going to the array's items. */
export function validationSchemas(target: Class): Record<string, Schema> {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, { own: Schema; items: Schema }>();
  for (const m of metadatas) {
    const entry = byProperty.get(m.propertyName) ?? { own: {}, items: {} };
    Object.assign(m.each ? entry.items : entry.own, constraintSchema(m));
    byProperty.set(m.propertyName, entry);
  }
  const result: Record<string, Schema> = {};
  for (const [property, { own, items }] of byProperty) {
    const schema = withIntegerFormat(own);
    if (Object.keys(items).length > 0) schema.items = withIntegerFormat(items);
    // Distinct values of an enumeration: never more than it has.
    if (schema.uniqueItems && Array.isArray(items.enum) && schema.maxItems === undefined) schema.maxItems = items.enum.length;
    if (Object.keys(schema).length > 0) result[property] = schema;
  }
  return result;
}

function validatedClasses(): Class[] {
  const byTarget: unknown = Reflect.get(getMetadataStorage(), 'validationMetadatas');
  // Not `instanceof Map`: the storage is a global that may come from another realm (jest's module registry).
  if (Object.prototype.toString.call(byTarget) !== '[object Map]')
    throw new Error('class-validator keeps its metadata differently than expected');
  return [...(byTarget as Map<unknown, unknown>).keys()].filter((t): t is Class => typeof t === 'function');
}

/** The JSON type of a primitive's constructor, as @nestjs/swagger names it. */
function jsonType(type: unknown): string | undefined {
  if (type === String) return 'string';
  if (type === Number) return 'number';
  if (type === Boolean) return 'boolean';
  return typeof type === 'string' && type !== 'array' ? type : undefined;
}

/** What an @ApiProperty states wins; a validated integer is an integer whatever its TypeScript type. */
function merge(stated: Schema, validated: Schema): Schema {
  const merged: Schema = { ...validated, ...stated };
  if (validated.type === 'integer' && (stated.type === Number || stated.type === 'number' || stated.type === undefined)) {
    merged.type = 'integer';
    if (stated.format === undefined) merged.format = withIntegerFormat(merged).format;
  }
  if (validated.items) merged.items = { type: jsonType(stated.type), ...validated.items, ...(stated.items ?? {}) };
  return merged;
}

/**
 * Makes the class-validator constraints of every DTO (lengths, ranges, integers, array sizes, formats,
 * enums, patterns) part of its OpenAPI schema, as the @nestjs/swagger CLI plugin's class-validator
 * shim would: the validators stay the one source of truth, nothing is copied by hand. Only properties
 * documented with @ApiProperty are touched. Idempotent; call before the document is created.
 */
export function installValidationSchemas(): void {
  for (const target of validatedClasses()) {
    for (const [property, validated] of Object.entries(validationSchemas(target))) {
      const stated: unknown = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype, property);
      if (!stated || typeof stated !== 'object') continue;
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, merge({ ...stated }, validated), target.prototype, property);
    }
  }
}
