import 'reflect-metadata';
import { failStartup } from '../common/startup';
import { createHash } from 'node:crypto';
import * as argon2 from 'argon2';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { loadEnv } from '../config/env.schema';
import { dataSourceOptions } from '../database/data-source.options';
import { prepareDatabase } from '../database/migrate';
import { businessIdCheckDigit } from '../identity/business-id';
import { DecisionPublishingService } from '../funding/decision-publishing.service';
import type { JobScheduler } from '../jobs/job-scheduler';
import { ranking } from '../reviews/ranking.query';
import {
  APPLICATION_KUNTALIITTO,
  APPLICATIONS_2018,
  APPLICATIONS_REVIEW,
  CALL_2018,
  CALL_KOPA,
  CALL_KUNTALIITTO,
  CALL_REVIEW,
  DEMO_ORGS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoApplication,
  TURKU_PRACTICE,
} from './demo-data';

/** Stable ids, so that running the seed again finds what it wrote before. */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`avustus-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A business ID with a valid check digit, derived from the key (not the organisation's real one). */
export function demoBusinessId(key: string): string {
  let n = parseInt(createHash('sha1').update(`avustus-demo-y:${key}`).digest('hex').slice(0, 8), 16) % 9_000_000;
  for (;;) {
    const body = String(1_000_000 + n).padStart(7, '0');
    const check = businessIdCheckDigit(body);
    if (check !== null) return `${body}-${check}`;
    n += 1;
  }
}

async function seedOrganizations(m: EntityManager): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const org of DEMO_ORGS) {
    // The ministry may already exist as the bootstrap admin's organisation.
    const existing = await m.query('SELECT id FROM organizations WHERE name = $1', [org.name]);
    if (existing[0]) {
      ids.set(org.key, existing[0].id);
      continue;
    }
    await m.query(
      `INSERT INTO organizations (id, name, business_id, kind, municipality, language) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [demoId(`org:${org.key}`), org.name, demoBusinessId(org.key), org.kind, org.municipality, org.language],
    );
    ids.set(org.key, demoId(`org:${org.key}`));
  }
  return ids;
}

async function seedUsers(m: EntityManager, orgs: Map<string, string>): Promise<void> {
  const hash = await argon2.hash(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await m.query(
      `INSERT INTO users (id, email, name, password_hash, roles, organization_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING`,
      [demoId(`user:${u.email}`), u.email, u.name, hash, u.roles, orgs.get(u.org)],
    );
  }
}

interface CallSeed {
  id: string;
  title: object;
  description: object;
  opensAt: string;
  closesAt: string;
  totalBudget: number;
  categories: { key: string; title: string; maxFunded: number; maxAmount: number | null }[];
  criteria: { key: string; title: string; weight: number; maxScore: number }[];
  reviewsPerApplication: number;
  eligibleKinds: string[];
  minSelfFinancingPercent: number;
  reportsDue: object[];
  closedAt: string | null;
}

async function seedCall(m: EntityManager, c: CallSeed): Promise<boolean> {
  const [inserted] = await m.query(
    `INSERT INTO calls (id, title, description, opens_at, closes_at, total_budget, reviews_per_application, eligible_kinds,
                        min_self_financing_percent, reports_due, status, published_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'published', $4, $11)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      c.id,
      c.title,
      c.description,
      c.opensAt,
      c.closesAt,
      c.totalBudget,
      c.reviewsPerApplication,
      c.eligibleKinds,
      c.minSelfFinancingPercent,
      JSON.stringify(c.reportsDue),
      c.closedAt,
    ],
  );
  if (!inserted) return false;
  for (const [i, k] of c.categories.entries()) {
    await m.query('INSERT INTO call_categories (call_id, key, title, max_funded, max_amount, position) VALUES ($1, $2, $3, $4, $5, $6)', [
      c.id,
      k.key,
      k.title,
      k.maxFunded,
      k.maxAmount,
      i,
    ]);
  }
  for (const [i, k] of c.criteria.entries()) {
    await m.query('INSERT INTO call_criteria (call_id, key, title, weight, max_score, position) VALUES ($1, $2, $3, $4, $5, $6)', [
      c.id,
      k.key,
      k.title,
      k.weight,
      k.maxScore,
      i,
    ]);
  }
  return true;
}

interface ApplicationSeed {
  projectStart: string;
  projectEnd: string;
  /** When a demo application has no submission time of its own. */
  submittedAt: string;
}

async function seedApplications(
  m: EntityManager,
  callId: string,
  orgs: Map<string, string>,
  apps: DemoApplication[],
  when: ApplicationSeed,
): Promise<void> {
  for (const a of apps) {
    const id = demoId(`application:${a.key}`);
    const self = Math.round(a.requested / 9); // 10 % of the total
    const content = {
      category: a.category,
      title: a.title,
      summary: `${a.region}: verkosto kehittää osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtamista ylimmästä johdosta esimiestasolle yhdessä työelämän, opiskelijoiden ja kolmannen sektorin kanssa.`,
      requestedAmount: a.requested,
      selfFinancingAmount: self,
      projectStart: when.projectStart,
      projectEnd: when.projectEnd,
      memberOrganizationIds: a.members.map((k) => orgs.get(k) as string),
      partners: [
        { name: `${a.region}n yrittäjät`, kind: 'working_life' },
        { name: 'Opiskelijakunta', kind: 'student' },
        { name: 'Alueen järjestöt', kind: 'third_sector' },
      ],
      budget: [
        { item: 'Henkilöstökulut', amount: Math.round((a.requested + self) * 0.7) },
        { item: 'Vertaisoppiminen, matkat ja tilaisuudet', amount: a.requested + self - Math.round((a.requested + self) * 0.7) },
      ],
    };
    const [inserted] = await m.query(
      `INSERT INTO applications (id, call_id, category, lead_organization_id, title, summary, requested_amount, self_financing_amount,
                                 project_start, project_end, partners, budget, status, version, submitted_version, submitted_at, first_submitted_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'in_review', 1, 1, $13, $13, $13::timestamptz - interval '5 days')
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        id,
        callId,
        a.category,
        orgs.get(a.lead),
        a.title,
        content.summary,
        a.requested,
        self,
        content.projectStart,
        content.projectEnd,
        JSON.stringify(content.partners),
        JSON.stringify(content.budget),
        a.submittedAt || when.submittedAt,
      ],
    );
    if (!inserted) continue;
    for (const member of content.memberOrganizationIds) {
      await m.query('INSERT INTO application_members (application_id, organization_id) VALUES ($1, $2)', [id, member]);
    }
    await m.query('INSERT INTO application_versions (application_id, version, content, submitted_at) VALUES ($1, 1, $2, $3)', [
      id,
      JSON.stringify(content),
      a.submittedAt || when.submittedAt,
    ]);
  }
}

/** A small deterministic generator, so the demo scores are the same on every machine. */
function scoresFor(key: string, reviewer: number, criteria: number): number[] {
  const h = createHash('sha1').update(`${key}/${reviewer}`).digest();
  // The Turku network (of the seeds/004 practice) is among the funded ones.
  const base = key === 'vs' ? 4 : 2 + (h[0] % 3);
  return Array.from({ length: criteria }, (_, i) => Math.min(5, base + (h[i + 1] % 3 === 0 ? 1 : 0) - (h[i + 1] % 5 === 0 ? 1 : 0)));
}

/**
 * The 2018 call decided: three reviewers scored every application, the ministry funded the six
 * best network projects and the best coordination application and published the decisions; the
 * projects are running, with the coordinator active and reports due, and the Turku network has
 * shared the practice of seeds/004.
 */
/** The same code the worker runs on published decisions; its notifications and report jobs wait for the worker's reconciler. */
async function applyDecisions(db: DataSource, callId: string): Promise<void> {
  const offline = {
    deliver: async () => true,
    scheduleReportJobs: async () => undefined,
    scheduleAcceptanceJobs: async () => true,
  } as unknown as JobScheduler;
  await new DecisionPublishingService(db, offline).apply(callId);
}

const REVIEWERS = DEMO_USERS.filter((u) => u.roles.includes('reviewer')).map((u) => demoId(`user:${u.email}`));
const ADMIN = demoId(`user:${DEMO_USERS.find((u) => u.roles.includes('admin'))?.email}`);

/**
 * The call in review: two reviewers assigned to every application; the first has submitted all
 * their reviews, the second is half-way (two submitted, a draft, one not started). On the first
 * application the two disagree (all fives against ones and twos), so the ranking flags it.
 */
async function seedReviewCall(m: EntityManager, callId: string): Promise<void> {
  for (const [i, a] of APPLICATIONS_REVIEW.entries()) {
    const appId = demoId(`application:${a.key}`);
    for (const [j, reviewer] of REVIEWERS.slice(0, 2).entries()) {
      await m.query(
        'INSERT INTO review_assignments (application_id, reviewer_id, call_id, assigned_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [appId, reviewer, callId, ADMIN],
      );
      if (j === 1 && i >= 3) continue;
      const submitted = j === 0 || i < 2;
      const disagreeing = i === 0;
      const scores = disagreeing
        ? CALL_REVIEW.criteria.map((_, k) => (j === 0 ? 5 : 1 + (k % 2)))
        : scoresFor(a.key, j, CALL_REVIEW.criteria.length);
      const comment = !submitted
        ? ''
        : disagreeing && j === 1
          ? 'Asiakkuustyön malli jää yleiselle tasolle eikä kuntien rooli selviä; vaikuttavuutta ei ole osoitettu.'
          : 'Selkeä asiakkuustyön malli, kuntayhteistyö vielä ohut.';
      await m.query(
        `INSERT INTO reviews (application_id, reviewer_id, call_id, comment, status, submitted_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'submitted' THEN now() - interval '2 days' END) ON CONFLICT DO NOTHING`,
        [appId, reviewer, callId, comment, submitted ? 'submitted' : 'draft'],
      );
      await m.query(
        `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score) SELECT $1, $2, $3, unnest($4::text[]), unnest($5::int[]) ON CONFLICT DO NOTHING`,
        [appId, reviewer, callId, CALL_REVIEW.criteria.map((c) => c.key), scores],
      );
    }
  }
}

/** Kuntaliitto's 2024–2026 network (seeds/000), funded and running, with Turku and Salpaus in it and room for more. */
async function seedKuntaliittoNetwork(db: DataSource, orgs: Map<string, string>): Promise<void> {
  const callId = demoId(CALL_KUNTALIITTO.key);
  const fresh = await db.transaction(async (m) => {
    if (!(await seedCall(m, { ...CALL_KUNTALIITTO, id: callId, closedAt: CALL_KUNTALIITTO.closesAt }))) return false;
    await seedApplications(m, callId, orgs, [APPLICATION_KUNTALIITTO], {
      projectStart: '2024-01-01',
      projectEnd: '2026-12-31',
      submittedAt: APPLICATION_KUNTALIITTO.submittedAt,
    });
    await m.query(
      `INSERT INTO decisions (application_id, call_id, category, outcome, granted_amount, rationale, decided_by, decided_at)
       VALUES ($1, $2, 'network_project', 'funded', $3, 'Valtakunnallinen verkosto, jota rahoittavat myös Kuntaliitto ja osallistujat.', $4, '2023-12-14T10:00:00+02:00')`,
      [demoId(`application:${APPLICATION_KUNTALIITTO.key}`), callId, APPLICATION_KUNTALIITTO.requested, ADMIN],
    );
    await m.query(`UPDATE calls SET decided_at = '2023-12-15T10:00:00+02:00' WHERE id = $1`, [callId]);
    return true;
  });
  if (fresh) await applyDecisions(db, callId);
}

async function seedReviewAndCoordination(db: DataSource, callId: string, orgs: Map<string, string>): Promise<void> {
  const [{ decided }] = await db.query('SELECT decided_at IS NOT NULL AS decided FROM calls WHERE id = $1', [callId]);
  if (decided) return;
  const reviewers = REVIEWERS;
  const admin = ADMIN;
  await db.transaction(async (m) => {
    for (const a of APPLICATIONS_2018) {
      const appId = demoId(`application:${a.key}`);
      for (const [j, reviewer] of reviewers.entries()) {
        await m.query(
          'INSERT INTO review_assignments (application_id, reviewer_id, call_id, assigned_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [appId, reviewer, callId, admin],
        );
        await m.query(
          `INSERT INTO reviews (application_id, reviewer_id, call_id, comment, status, submitted_at) VALUES ($1, $2, $3, $4, 'submitted', '2018-12-10T12:00:00+02:00') ON CONFLICT DO NOTHING`,
          [appId, reviewer, callId, 'Arvioitu hakuilmoituksen painopisteiden mukaan.'],
        );
        const scores = scoresFor(a.key, j, CALL_2018.criteria.length);
        await m.query(
          `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score) SELECT $1, $2, $3, unnest($4::text[]), unnest($5::int[]) ON CONFLICT DO NOTHING`,
          [appId, reviewer, callId, CALL_2018.criteria.map((c) => c.key), scores],
        );
      }
    }
    const ranked = await ranking(m, callId);
    for (const r of ranked) {
      const funded = r.category === 'network_project' ? r.rank <= 6 : r.rank === 1;
      const granted = r.category === 'network_project' ? Math.min(r.requestedAmount, 55_000_000) : Math.min(r.requestedAmount, 35_000_000);
      await m.query(
        `INSERT INTO decisions (application_id, call_id, category, outcome, granted_amount, rationale, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2019-01-15T10:00:00+02:00') ON CONFLICT DO NOTHING`,
        [
          r.applicationId,
          callId,
          r.category,
          funded ? 'funded' : 'rejected',
          funded ? granted : null,
          funded ? 'Hakemus sijoittui kärkeen arvioinnissa.' : 'Muut hakemukset arvioitiin vahvemmiksi.',
          admin,
        ],
      );
    }
    await m.query(`UPDATE calls SET decided_at = '2019-01-20T10:00:00+02:00' WHERE id = $1`, [callId]);
  });
  await applyDecisions(db, callId);
  await db.transaction(async (m) => {
    // The projects run and the coordinator follows them: the demo's reports fall due ahead of today
    // (the interim in four weeks, the final in a year) instead of in 2019–2021, so they can be written.
    await m.query(
      `UPDATE project_reports r SET due_at = now() + CASE r.type WHEN 'interim' THEN interval '28 days' ELSE interval '1 year' END
         FROM network_projects p WHERE p.id = r.project_id AND p.call_id = $1`,
      [callId],
    );
    const [project] = await m.query('SELECT id FROM network_projects WHERE application_id = $1', [demoId('application:vs')]);
    if (project) {
      await m.query(
        `INSERT INTO practices (id, project_id, organization_id, title, partnership_level, needs, solution, results, status, contacts, created_at)
         VALUES ($1, $2, $3, $4, 'strategic', $5, $6, $7, 'completed', $8, '2021-04-16T12:00:00+03:00') ON CONFLICT DO NOTHING`,
        [
          demoId('practice:turku'),
          project.id,
          orgs.get('tai'),
          TURKU_PRACTICE.title,
          TURKU_PRACTICE.needs,
          TURKU_PRACTICE.solution,
          TURKU_PRACTICE.results,
          JSON.stringify(TURKU_PRACTICE.contacts),
        ],
      );
    }
  });
}

export async function seed(db: DataSource): Promise<void> {
  await db
    .transaction(async (m) => {
      const orgs = await seedOrganizations(m);
      await seedUsers(m, orgs);

      const call2018 = demoId(CALL_2018.key);
      if (await seedCall(m, { ...CALL_2018, id: call2018, closedAt: '2018-11-22T00:00:00.250+02:00' })) {
        await seedApplications(m, call2018, orgs, APPLICATIONS_2018, {
          projectStart: '2019-01-01',
          projectEnd: '2020-12-31',
          submittedAt: '2018-11-21T12:00:00+02:00',
        });
      }

      // The open call closes three weeks from today at 16:15 Helsinki time.
      const closes = DateTime.now().setZone('Europe/Helsinki').plus({ weeks: 3 }).set({ hour: 16, minute: 15, second: 0, millisecond: 0 });
      const kopa = demoId(CALL_KOPA.key);
      await seedCall(m, {
        ...CALL_KOPA,
        id: kopa,
        opensAt: DateTime.now().minus({ days: 7 }).toISO() as string,
        closesAt: closes.toISO() as string,
        reportsDue: [{ type: 'final', dueAt: closes.plus({ years: 2 }).toISO() }],
        closedAt: null,
      });
      const kopaDrafts = [
        [
          'kopa-salo',
          'salo',
          'Koulutus palveluna Salon seudulla',
          'Kuntarajat ylittävä pilotti: koulutus ei ole sidottu koulurakennukseen.',
        ],
        [
          'kopa-salpaus',
          'salpaus',
          'Koulutus palveluna Päijät-Hämeessä',
          'Monimuotoinen koulutus kuntarajojen yli: lähiopetus, verkko ja työpaikat yhdessä.',
        ],
      ];
      for (const [key, org, title, summary] of kopaDrafts) {
        await m.query(
          `INSERT INTO applications (id, call_id, category, lead_organization_id, title, summary, requested_amount, self_financing_amount, project_start, project_end, partners, budget)
         VALUES ($1, $2, 'regional_pilot', $3, $4, $5, 10000000, 2500000, $6, $7, '[{"name":"Alueen yrittäjät","kind":"working_life"}]', '[{"item":"Pilotin henkilöstö","amount":12500000}]')
         ON CONFLICT (id) DO NOTHING`,
          [
            demoId(`application:${key}`),
            kopa,
            orgs.get(org),
            title,
            summary,
            closes.plus({ months: 3 }).startOf('month').toISODate(),
            closes.plus({ years: 2 }).endOf('year').toISODate(),
          ],
        );
      }

      // Closed two weeks ago at 16:15 Helsinki time, in review.
      const reviewCall = demoId(CALL_REVIEW.key);
      const closed = DateTime.now().setZone('Europe/Helsinki').minus({ weeks: 2 }).set({ hour: 16, minute: 15, second: 0, millisecond: 0 });
      if (
        await seedCall(m, {
          ...CALL_REVIEW,
          id: reviewCall,
          opensAt: closed.minus({ weeks: 6 }).toISO() as string,
          closesAt: closed.toISO() as string,
          reportsDue: [{ type: 'final', dueAt: closed.plus({ years: 2 }).toISO() }],
          closedAt: closed.toISO() as string,
        })
      ) {
        await seedApplications(m, reviewCall, orgs, APPLICATIONS_REVIEW, {
          projectStart: closed.plus({ months: 3 }).startOf('month').toISODate() as string,
          projectEnd: closed.plus({ years: 2 }).endOf('year').toISODate() as string,
          submittedAt: closed.minus({ days: 1 }).toISO() as string,
        });
        await seedReviewCall(m, reviewCall);
        // Reviews are due three days from seeding, at 16.00 Helsinki time; the worker's reconciler schedules the reminders.
        const reviewsDue = DateTime.now()
          .setZone('Europe/Helsinki')
          .plus({ days: 3 })
          .set({ hour: 16, minute: 0, second: 0, millisecond: 0 });
        await m.query('UPDATE calls SET reviews_due_at = $2 WHERE id = $1', [reviewCall, reviewsDue.toISO()]);
      }
      return { call2018, orgs };
    })
    .then(async ({ call2018, orgs }) => {
      await seedReviewAndCoordination(db, call2018, orgs);
      await seedKuntaliittoNetwork(db, orgs);
    });
}

async function main(): Promise<void> {
  const env = loadEnv();
  await prepareDatabase(env);
  const db = new DataSource(dataSourceOptions(env));
  await db.initialize();
  try {
    await seed(db);
    const [{ calls }] = await db.query('SELECT count(*)::int AS calls FROM calls');
    const [{ applications }] = await db.query('SELECT count(*)::int AS applications FROM applications');
    console.log(JSON.stringify({ seeded: true, calls, applications, password: DEMO_PASSWORD }));
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch(failStartup);
}
