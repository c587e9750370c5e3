import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/** The one query cache of the tab: the app renders with it, and the routes' loaders fill it ahead of their pages. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (403, 404) does not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.problem.status < 500) && count < 2,
    },
  },
});
