import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedIn } from '../tree';

/** The officer's room: the calls they run, the call editor, applications, assignment, ranking, decisions. */
const calls = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer',
  component: lazyRouteComponent(() => import('./OfficerCallsPage'), 'OfficerCallsPage'),
});

const newCall = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/new',
  component: lazyRouteComponent(() => import('./call-editor/CallEditorPage'), 'CallEditorPage'),
});

const editCall = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/edit',
  component: lazyRouteComponent(() => import('./call-editor/CallEditorPage'), 'CallEditorPage'),
});

const applications = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId',
  component: lazyRouteComponent(() => import('./CallApplicationsPage'), 'CallApplicationsPage'),
});

const assignments = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/assignments',
  component: lazyRouteComponent(() => import('./AssignmentsPage'), 'AssignmentsPage'),
});

const ranking = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/ranking',
  component: lazyRouteComponent(() => import('./RankingPage'), 'RankingPage'),
});

const decisions = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/decisions',
  component: lazyRouteComponent(() => import('./DecisionsPage'), 'DecisionsPage'),
});

const decisionDocuments = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/decision-documents',
  component: lazyRouteComponent(() => import('./DecisionDocumentsPage'), 'DecisionDocumentsPage'),
});

const reserve = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/calls/$callId/reserve',
  component: lazyRouteComponent(() => import('./ReservePage'), 'ReservePage'),
});

const application = createRoute({
  getParentRoute: () => signedIn,
  path: '/officer/applications/$applicationId',
  component: lazyRouteComponent(() => import('./OfficerApplicationPage'), 'OfficerApplicationPage'),
});

export const officerRoutes = [
  calls,
  newCall,
  editCall,
  applications,
  assignments,
  ranking,
  decisions,
  decisionDocuments,
  reserve,
  application,
];
