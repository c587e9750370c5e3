import createClient, { type Middleware } from 'openapi-fetch';
import { getSession, setSession } from '../session';
import type { paths } from './schema';
import type { Problem } from './types';

/** An error response of the API, with its problem+json body. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response, request }) {
    // An expired or revoked token: back to sign-in (the login itself answers 401 for a wrong password).
    if (response.status === 401 && !request.url.endsWith('/api/auth/login') && getSession()) setSession(null);
    return response;
  },
};

/** JSON answers only: routes that also give CSV or XLSX (by Accept) keep their JSON type here. */
export const api = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl: '' });
api.use(auth);

/** The data of a response, or an ApiError carrying its problem details. */
export async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await result;
  if (!response.ok) {
    const body = (error ?? {}) as Partial<Problem>;
    throw new ApiError({ ...body, status: response.status });
  }
  return data as T;
}
