import { createRouter } from '@tanstack/react-router';
import { markNavigation } from './components/announcer';
import { PendingPage } from './components/Layout';
import { accountPublicRoutes, accountRoutes } from './routes/accounts/routes';
import { applicantRoutes } from './routes/applicant/routes';
import { commonRoutes, publicRoutes } from './routes/common/routes';
import { coordinatorRoutes } from './routes/coordinator/routes';
import { officerRoutes } from './routes/officer/routes';
import { reviewerRoutes } from './routes/reviewer/routes';
import { root, signedIn } from './routes/tree';

/**
 * Every page is its own chunk, loaded when first visited: the sign-in page carries the shell
 * and the sign-in form only. Each room declares its pages in its own `routes.ts`.
 */
export const router = createRouter({
  routeTree: root.addChildren([
    ...publicRoutes,
    ...accountPublicRoutes,
    signedIn.addChildren([
      ...commonRoutes,
      ...applicantRoutes,
      ...officerRoutes,
      ...reviewerRoutes,
      ...coordinatorRoutes,
      ...accountRoutes,
    ]),
  ]),
  defaultPendingComponent: PendingPage,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

router.subscribe('onBeforeNavigate', ({ fromLocation, toLocation }) => {
  if (fromLocation && fromLocation.pathname !== toLocation.pathname) markNavigation();
});
