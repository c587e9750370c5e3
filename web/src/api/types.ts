import type { components } from './schema';

/**
 * The API's types as the UI uses them, taken from the generated schema. Where the OpenAPI
 * document is weak today (problem bodies, a version's content), the local type is given here
 * and nowhere else, so that a regenerated schema shows what to drop.
 */
type Schemas = components['schemas'];

export type User = Schemas['UserView'];
export type LoginResult = Schemas['LoginResult'];
export type Organization = Schemas['OrganizationView'];
export type Call = Schemas['CallView'];
export type CallPhase = Call['phase'];
export type LocalizedText = Schemas['LocalizedTextDto'];
export type Application = Schemas['ApplicationView'];
export type ApplicationStatus = Application['status'];
export type ApplicationFields = Omit<Schemas['UpdateApplicationDto'], 'version'>;
export type PartnerKind = Schemas['PartnerDto']['kind'];
export type Notification = Schemas['NotificationView'];
export type Role = User['roles'][number];

/** A submitted version; the schema types `content` as an empty object today. */
export type ApplicationVersion = Omit<Schemas['ApplicationVersionView'], 'content'> & {
  content: Partial<ApplicationFields> & { title?: string };
};

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details with the service's stable `code` (SPEC.md §9). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

export const PARTNER_KINDS: readonly PartnerKind[] = ['working_life', 'student', 'third_sector', 'other'];

export type CallInput = Schemas['CreateCallDto'];
export type OrgKind = Call['eligibleKinds'][number];
export const ORG_KINDS: readonly OrgKind[] = ['education_provider', 'municipality', 'authority', 'company', 'third_sector', 'other'];
export type Decision = Schemas['DecisionView'];
export type Review = Schemas['ReviewView'];
export type ProposalLine = Schemas['ProposalLineView'];

/** A ranking row; `normalizedScore` and `disagreement` come with the v2 ranking (API.md "Review workflow"). */
export type RankingRow = Schemas['RankingRowView'] & { normalizedScore?: number | null; disagreement?: boolean };

/** The proposal; `upperBound` and `gapPercent` say how close a time-limited proposal is to the optimum. */
export type FundingProposal = Schemas['FundingProposalView'] & { upperBound?: number; gapPercent?: number };

/** A call as the officer edits it; the review due date and the disagreement threshold come with v2. */
export type OfficerCall = Call & { reviewsDueAt?: string | null; disagreementThreshold?: number };
