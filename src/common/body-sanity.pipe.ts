import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Problem } from './problem';

/** Deeper than any body this API takes; far below what would exhaust the stack in class-transformer. */
export const MAX_BODY_DEPTH = 32;

/**
 * Runs before validation on every body and query: refuses structures nested deeper than
 * MAX_BODY_DEPTH (they would overflow the stack of the transformer) and strings with NUL
 * characters (PostgreSQL cannot store them), naming the field. Iterative, so a hostile body
 * cannot overflow the stack here either.
 */
@Injectable()
export class BodySanityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
    while (stack.length > 0) {
      const item = stack.pop() as { value: unknown; path: string; depth: number };
      if (typeof item.value === 'string') {
        if (item.value.includes('\u0000')) throw Problem.field(item.path || 'body', 'must not contain NUL characters');
        continue;
      }
      if (item.value === null || typeof item.value !== 'object') continue;
      if (item.depth >= MAX_BODY_DEPTH) throw Problem.field(item.path || 'body', `is nested deeper than ${MAX_BODY_DEPTH} levels`);
      for (const [key, child] of Object.entries(item.value)) {
        if (key.includes('\u0000')) throw Problem.field(item.path || 'body', 'field names must not contain NUL characters');
        stack.push({ value: child, path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
      }
    }
    return value;
  }
}
