import type { Lang } from '../../format';
import { formatDate, formatEuros } from '../../format';

/** What a submitted version holds, as GET /api/applications/:id/versions gives it. */
export interface VersionContent {
  category?: string;
  title?: string;
  summary?: string;
  requestedAmount?: number;
  selfFinancingAmount?: number;
  projectStart?: string | null;
  projectEnd?: string | null;
  memberOrganizationIds?: string[];
  partners?: { name: string; kind: string }[];
  budget?: { item: string; amount: number }[];
}

export interface FieldChange {
  field: keyof VersionContent;
  before: string;
  after: string;
}

const FIELDS: (keyof VersionContent)[] = [
  'category',
  'title',
  'summary',
  'requestedAmount',
  'selfFinancingAmount',
  'projectStart',
  'projectEnd',
  'memberOrganizationIds',
  'partners',
  'budget',
];

/** A field's value as the officer reads it: euros the Finnish way, dates as dates, names for ids. */
function show(content: VersionContent, field: keyof VersionContent, lang: Lang, orgName: (id: string) => string): string {
  const v = content[field];
  if (v === undefined || v === null || v === '') return '–';
  switch (field) {
    case 'requestedAmount':
    case 'selfFinancingAmount':
      return formatEuros(v as number, lang);
    case 'projectStart':
    case 'projectEnd':
      return formatDate(v as string, lang);
    case 'memberOrganizationIds':
      return (v as string[]).map(orgName).join(', ') || '–';
    case 'partners':
      return (v as { name: string }[]).map((p) => p.name).join(', ') || '–';
    case 'budget':
      return (v as { item: string; amount: number }[]).map((b) => `${b.item} ${formatEuros(b.amount, lang)}`).join('; ') || '–';
    default:
      return String(v);
  }
}

/** The fields that differ between two submitted versions, each shown old → new. */
export function versionChanges(
  before: VersionContent,
  after: VersionContent,
  lang: Lang,
  orgName: (id: string) => string = (id) => id,
): FieldChange[] {
  return FIELDS.map((field) => ({ field, before: show(before, field, lang, orgName), after: show(after, field, lang, orgName) })).filter(
    (c) => c.before !== c.after,
  );
}
