import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import type { BenchConfig } from './config';
import { seededRandom } from './stats';

/**
 * Test data goes straight into the tables with set-based SQL: creating thousands of organisations,
 * users and applications through the API would take minutes (argon2 alone) and measure nothing
 * we report. Only the calls are created through the API, so they are exactly what the service makes.
 */

/** Any argon2 string will do: nobody logs in as these users (their tokens are signed by the bench). */
const UNUSED_PASSWORD_HASH = '$argon2id$v=19$m=65536,t=3,p=4$YmVuY2hiZW5jaGJlbmNo$YmVuY2hiZW5jaGJlbmNoYmVuY2hiZW5jaGJlbmNoYmVuY2g';

export interface Applicant {
  userId: string;
  email: string;
  organizationId: string;
}

export interface DraftApplication {
  id: string;
  applicant: Applicant;
}

/**
 * Held for the whole run: a second bench started meanwhile would drop the database under the first.
 * A session-level advisory lock on the server (in database `postgres`) ends with its connection,
 * so a crashed run never leaves it behind.
 */
export async function lockBenchRun(cfg: BenchConfig, waitMs: number, onWait: () => void): Promise<Client> {
  const client = new Client({ connectionString: cfg.maintenanceUrl, application_name: 'avustus-bench-lock' });
  await client.connect();
  const deadline = Date.now() + waitMs;
  let warned = false;
  for (;;) {
    const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`avustus-bench:${cfg.databaseName}`]);
    if ((rows[0] as { ok: boolean }).ok) return client;
    if (Date.now() > deadline) {
      await client.end();
      throw new Error(`another bench run holds ${cfg.databaseName}; gave up after ${Math.round(waitMs / 1000)} s`);
    }
    if (!warned) onWait();
    warned = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function resetDatabase(cfg: BenchConfig): Promise<void> {
  const admin = new Client({ connectionString: cfg.maintenanceUrl, application_name: 'avustus-bench' });
  await admin.connect();
  try {
    // FORCE ends sessions a crashed earlier run may have left behind.
    await admin.query(`DROP DATABASE IF EXISTS "${cfg.databaseName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${cfg.databaseName}"`);
  } finally {
    await admin.end();
  }
}

/** Deletes only the bench's own BullMQ keys: jobs of an earlier run point into a dropped database. */
export async function resetRedis(cfg: BenchConfig): Promise<number> {
  const redis = new Redis(cfg.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${cfg.queuePrefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Finnish business ID: weights 7,9,10,5,8,4,2; sum mod 11; 0 → 0, 1 → invalid, else 11 − r. */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...sevenDigits].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

/** `count` distinct valid business IDs, skipping the bodies whose check digit does not exist. */
export function businessIds(count: number, start = 3_100_000): string[] {
  const ids: string[] = [];
  for (let body = start; ids.length < count; body++) {
    const digits = String(body).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check !== null) ids.push(`${digits}-${check}`);
  }
  return ids;
}

/** Education providers and municipalities (the call's eligible kinds); one in twenty Swedish-speaking. */
export async function insertOrganizations(db: Pool, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const names = ids.map((_, i) => (i % 10 === 9 ? `Bench kunta ${i}` : `Bench koulutuskuntayhtymä ${i}`));
  const kinds = ids.map((_, i) => (i % 10 === 9 ? 'municipality' : 'education_provider'));
  const languages = ids.map((_, i) => (i % 20 === 7 ? 'sv' : 'fi'));
  await db.query(
    `INSERT INTO organizations (id, name, business_id, kind, municipality, language)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [ids, names, businessIds(count), kinds, ids.map(() => 'Tampere'), languages],
  );
  return ids;
}

export async function insertUsers(db: Pool, prefix: string, roles: string[], organizationIds: string[]): Promise<Applicant[]> {
  const users = organizationIds.map((organizationId, i) => ({ userId: randomUUID(), email: `${prefix}${i}@bench.local`, organizationId }));
  await db.query(
    `INSERT INTO users (id, email, name, password_hash, roles, organization_id)
     SELECT id, email, 'Bench ' || email, $4, $5::text[], org FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, email, org)`,
    [users.map((u) => u.userId), users.map((u) => u.email), users.map((u) => u.organizationId), UNUSED_PASSWORD_HASH, roles],
  );
  return users;
}

export const NETWORK = 'network_project';
export const COORDINATION = 'coordination';
const CRITERIA = [
  { key: 'relevance', title: 'Vastaavuus haun tavoitteisiin', weight: 3, maxScore: 5 },
  { key: 'partnerships', title: 'Kumppanuudet työelämän, opiskelijoiden ja kolmannen sektorin kanssa', weight: 2, maxScore: 5 },
  { key: 'network', title: 'Verkoston laajuus ja alueellisuus', weight: 2, maxScore: 5 },
  { key: 'leadership', title: 'Osaamisperusteisuuden johtaminen', weight: 1.5, maxScore: 10 },
  { key: 'impact', title: 'Vaikuttavuus ja levitettävyys', weight: 1, maxScore: 5 },
  { key: 'budget', title: 'Kustannusten kohtuullisuus', weight: 0.5, maxScore: 3 },
] as const;
export const CRITERIA_KEYS = CRITERIA.map((c) => c.key);
export const MAX_AMOUNT = { [NETWORK]: 60_000_000, [COORDINATION]: 40_000_000 } as const;

/** A call as an admin would post it: the 2018 shape (six network projects plus one coordinator). */
export function callBody(title: string, closesAt: Date, totalBudget: number): Record<string, unknown> {
  return {
    title: { fi: title, sv: `${title} (sv)`, en: `${title} (en)` },
    description: { fi: 'Suorituskykytestin haku: osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen.' },
    opensAt: new Date(Date.now() - 2 * 24 * 3600_000).toISOString(),
    closesAt: closesAt.toISOString(),
    timezone: 'Europe/Helsinki',
    totalBudget,
    categories: [
      { key: NETWORK, title: 'Alueellinen verkostohanke', maxFunded: 6, maxAmount: MAX_AMOUNT[NETWORK] },
      { key: COORDINATION, title: 'Koordinaatiohanke', maxFunded: 1, maxAmount: MAX_AMOUNT[COORDINATION] },
    ],
    criteria: CRITERIA,
    reviewsPerApplication: 3,
    eligibleKinds: ['education_provider', 'municipality'],
    minSelfFinancingPercent: 10,
  };
}

/** Fields every bench application shares; amounts vary per application. */
const PARTNERS = JSON.stringify([
  { name: 'Pirkanmaan yrittäjät', kind: 'working_life' },
  { name: 'Opiskelijakunta', kind: 'student' },
  { name: 'Alueen järjestöt', kind: 'third_sector' },
]);
const SUMMARY =
  'Verkosto kehittää osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtamista ylimmästä johdosta esimiestasolle ' +
  'yhdessä työelämän, opiskelijoiden ja kolmannen sektorin kanssa.';

interface ApplicationRows {
  ids: string[];
  leads: string[];
  categories: string[];
  titles: string[];
  requested: number[];
  selfFinancing: number[];
  budgets: string[];
  createdBy: string[];
}

function applicationRows(
  count: number,
  leadOf: (i: number) => Applicant,
  categoryOf: (i: number) => string,
  random: () => number,
): ApplicationRows {
  const rows: ApplicationRows = {
    ids: [],
    leads: [],
    categories: [],
    titles: [],
    requested: [],
    selfFinancing: [],
    budgets: [],
    createdBy: [],
  };
  for (let i = 0; i < count; i++) {
    const category = categoryOf(i);
    // 20 000 € … the category maximum, in whole euros, so the budget has to choose.
    const max = MAX_AMOUNT[category as keyof typeof MAX_AMOUNT];
    const requested = Math.round((20_000_000 + random() * (max - 20_000_000)) / 100) * 100;
    const selfFinancing = Math.ceil(requested / 9 / 100) * 100; // ≥ 10 % of the total
    const staff = Math.round(((requested + selfFinancing) * 0.7) / 100) * 100;
    const lead = leadOf(i);
    rows.ids.push(randomUUID());
    rows.leads.push(lead.organizationId);
    rows.categories.push(category);
    rows.titles.push(`Bench-verkosto ${i}: kumppanuuksien johtaminen`);
    rows.requested.push(requested);
    rows.selfFinancing.push(selfFinancing);
    rows.budgets.push(
      JSON.stringify([
        { item: 'Henkilöstökulut', amount: staff },
        { item: 'Vertaisoppiminen, matkat ja tilaisuudet', amount: requested + selfFinancing - staff },
      ]),
    );
    rows.createdBy.push(lead.userId);
  }
  return rows;
}

/** Inserts the applications, each with two member organisations (never its lead). */
async function insertApplicationRows(
  db: Pool,
  callId: string,
  rows: ApplicationRows,
  allOrganizations: string[],
  state: { status: 'draft' } | { status: 'in_review'; submittedAt: Date[] },
): Promise<void> {
  const submitted = state.status === 'in_review';
  await db.query(
    `INSERT INTO applications (id, call_id, category, lead_organization_id, title, summary, requested_amount, self_financing_amount,
                               project_start, project_end, partners, budget, created_by,
                               status, submitted_version, submitted_at, first_submitted_at)
     SELECT t.id, $1, t.category, t.lead, t.title, $2, t.requested, t.self_financing, DATE '2026-01-01', DATE '2027-12-31', $3::jsonb,
            t.budget, t.created_by, $4, CASE WHEN $4 = 'draft' THEN NULL ELSE 1 END, t.submitted_at, t.submitted_at
       FROM unnest($5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::bigint[], $10::bigint[], $11::jsonb[], $12::uuid[], $13::timestamptz[])
         AS t(id, category, lead, title, requested, self_financing, budget, created_by, submitted_at)`,
    [
      callId,
      SUMMARY,
      PARTNERS,
      state.status,
      rows.ids,
      rows.categories,
      rows.leads,
      rows.titles,
      rows.requested,
      rows.selfFinancing,
      rows.budgets,
      rows.createdBy,
      submitted ? state.submittedAt : rows.ids.map(() => null),
    ],
  );
  const position = new Map(allOrganizations.map((id, i) => [id, i]));
  const memberApps: string[] = [];
  const members: string[] = [];
  rows.ids.forEach((id, i) => {
    const leadIndex = position.get(rows.leads[i]) ?? 0;
    for (const step of [1, 2]) {
      memberApps.push(id);
      members.push(allOrganizations[(leadIndex + step) % allOrganizations.length]);
    }
  });
  await db.query('INSERT INTO application_members (application_id, organization_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [
    memberApps,
    members,
  ]);
}

/** Drafts that pass every submit rule of the call built by callBody: one per applicant. */
export async function insertDrafts(
  db: Pool,
  callId: string,
  applicants: Applicant[],
  allOrganizations: string[],
  seed: number,
): Promise<DraftApplication[]> {
  const random = seededRandom(seed);
  const rows = applicationRows(
    applicants.length,
    (i) => applicants[i],
    () => NETWORK,
    random,
  );
  await insertApplicationRows(db, callId, rows, allOrganizations, { status: 'draft' });
  return rows.ids.map((id, i) => ({ id, applicant: applicants[i] }));
}

/**
 * A closed call's review outcome: `count` applications in review (one in ten for coordination),
 * each with `reviewsPerApplication` submitted reviews scoring every criterion. Scores follow a
 * hidden quality per application plus reviewer noise, so the ranking is neither flat nor random.
 */
export async function insertReviewedApplications(
  db: Pool,
  callId: string,
  applicants: Applicant[],
  allOrganizations: string[],
  reviewers: string[],
  adminId: string,
  opts: { count: number; reviewsPerApplication: number; seed: number; closedAt: Date },
): Promise<void> {
  const random = seededRandom(opts.seed);
  const batch = 1000;
  for (let offset = 0; offset < opts.count; offset += batch) {
    const size = Math.min(batch, opts.count - offset);
    const rows = applicationRows(
      size,
      (i) => applicants[(offset + i) % applicants.length],
      (i) => ((offset + i) % 10 === 3 ? COORDINATION : NETWORK),
      random,
    );
    const submittedAt = rows.ids.map(() => new Date(opts.closedAt.getTime() - 3600_000 - Math.floor(random() * 14 * 24 * 3600_000)));
    await insertApplicationRows(db, callId, rows, allOrganizations, { status: 'in_review', submittedAt });

    const reviewApps: string[] = [];
    const reviewReviewers: string[] = [];
    const scoreApps: string[] = [];
    const scoreReviewers: string[] = [];
    const scoreKeys: string[] = [];
    const scoreValues: number[] = [];
    rows.ids.forEach((appId, i) => {
      const quality = random();
      for (let k = 0; k < opts.reviewsPerApplication; k++) {
        // Consecutive reviewers per application: distinct as long as there are enough of them.
        const reviewer = reviewers[((offset + i) * opts.reviewsPerApplication + k) % reviewers.length];
        reviewApps.push(appId);
        reviewReviewers.push(reviewer);
        for (const c of CRITERIA) {
          const raw = quality * c.maxScore + (random() - 0.5) * 0.4 * c.maxScore;
          scoreApps.push(appId);
          scoreReviewers.push(reviewer);
          scoreKeys.push(c.key);
          scoreValues.push(Math.min(c.maxScore, Math.max(0, Math.round(raw))));
        }
      }
    });
    await db.query(
      `INSERT INTO review_assignments (application_id, reviewer_id, call_id, assigned_by, assigned_at)
       SELECT a, r, $3, $4, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[]) AS t(a, r)`,
      [reviewApps, reviewReviewers, callId, adminId, opts.closedAt],
    );
    await db.query(
      `INSERT INTO reviews (application_id, reviewer_id, call_id, comment, status, submitted_at)
       SELECT a, r, $3, 'Arvioitu hakuilmoituksen painopisteiden mukaan.', 'submitted', $4::timestamptz + interval '3 days'
         FROM unnest($1::uuid[], $2::uuid[]) AS t(a, r)`,
      [reviewApps, reviewReviewers, callId, opts.closedAt],
    );
    await db.query(
      `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score)
       SELECT a, r, $5, k, s FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[]) AS t(a, r, k, s)`,
      [scoreApps, scoreReviewers, scoreKeys, scoreValues, callId],
    );
  }
}
