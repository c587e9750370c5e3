import { HttpException } from '@nestjs/common';

/** The stable machine codes of SPEC.md §9, plus the operational ones the service adds. */
export const PROBLEM_CODES = [
  'VALIDATION_FAILED',
  'CALL_CLOSED',
  'DEADLINE_PASSED',
  'CAP_REACHED',
  'BUDGET_EXCEEDED',
  'CONFLICT_OF_INTEREST',
  'VERSION_CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'DUPLICATE',
  'INVALID_STATE',
  'INVALID_REFERENCE',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** An error that renders as RFC 9457 problem details with a stable `code`. */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly code: ProblemCode,
    detail: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }

  body(): ProblemBody {
    return {
      type: `https://avustus.example/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: titleFor(this.getStatus()),
      status: this.getStatus(),
      detail: this.message,
      code: this.code,
      ...this.extras,
    };
  }

  static validation(errors: FieldError[], detail?: string): Problem {
    const fields = [...new Set(errors.map((e) => e.field))];
    return new Problem(400, 'VALIDATION_FAILED', detail ?? `Invalid input: ${fields.join(', ')}`, { errors });
  }

  static field(field: string, message: string): Problem {
    return Problem.validation([{ field, message }], `${field}: ${message}`);
  }

  static notFound(what: string): Problem {
    return new Problem(404, 'NOT_FOUND', `${what} not found`);
  }

  static forbidden(detail = 'You may not do this'): Problem {
    return new Problem(403, 'FORBIDDEN', detail);
  }

  static invalidState(detail: string): Problem {
    return new Problem(409, 'INVALID_STATE', detail);
  }
}
