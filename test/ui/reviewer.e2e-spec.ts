/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { axe, eventually, focused, screenshot, serveUi, stopUi, UiServer } from './browser';

/**
 * The reviewer's path in real Chromium against the built UI and the real API: sign in and land on
 * the assignments (progress, the call's review due date in Helsinki time, a date gone by marked
 * overdue in words), score two applications with the radio groups and submit each after the
 * confirmation, see the review locked and the other reviewer's submitted scores (never their
 * draft), and declare a conflict of interest with a reason. Axe on every page and state visited.
 */
jest.setTimeout(180_000);

const PASSWORD = 'arvioija-password';
const SHOTS = process.env.REVIEWER_SHOTS ?? '/tmp/shots-reviewer';
const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];

let api: TestApi;
let base: string;
let browser: Browser;
let admin: string;
let ui: UiServer | undefined;

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function expectNoSeriousAxe(page: Page, name: string) {
  expect(await axe(page, name)).toEqual([]);
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'fi-FI', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** The reviewer who signs in: a user of the agency with a password of our own. */
async function reviewerPerson(organizationId: string): Promise<{ id: string; email: string }> {
  const email = `arvioija-${process.pid}@avustus.test`;
  const res = await api
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ email, name: 'Aino Arvioija', password: PASSWORD, roles: ['reviewer'], organizationId });
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return { id: res.body.id as string, email };
}

/** A published call whose submitted applications (one per provider) are now in review; its reviews due at `reviewsDueAt`. */
async function callInReview(
  titles: { title: string; org: string }[],
  reviewsDueAt: string,
  callTitle?: string,
): Promise<{ callId: string; apps: { id: string; title: string; org: string }[] }> {
  const call = await openCall(api, admin, 60 * 60_000, callTitle ? { title: { fi: callTitle } } : {});
  const apps: { id: string; title: string; org: string }[] = [];
  for (const { title, org: name } of titles) {
    const org = await createOrg(api, admin, { name });
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    const res = await api
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set('authorization', `Bearer ${applicant.token}`)
      .send(applicationBody({ title }))
      .expect(201);
    await api.http().post(`/api/applications/${res.body.id}/submit`).set('authorization', `Bearer ${applicant.token}`).expect(200);
    apps.push({ id: res.body.id as string, title, org: name });
  }
  // What the closing job does (the API process runs no worker): the call closed, its submitted applications in review.
  await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now(), reviews_due_at = $2 WHERE id = $1`, [
    call.id,
    reviewsDueAt,
  ]);
  await api.db.query(`UPDATE applications SET status = 'in_review' WHERE call_id = $1 AND status = 'submitted'`, [call.id]);
  return { callId: call.id, apps };
}

async function assign(callId: string, applicationId: string, reviewerId: string) {
  await api
    .http()
    .post(`/api/calls/${callId}/assignments`)
    .set('authorization', `Bearer ${admin}`)
    .send({ applicationId, reviewerId })
    .expect(201);
}

async function review(reviewer: UserFixture, applicationId: string, score: number, submit: boolean) {
  await api
    .http()
    .put(`/api/applications/${applicationId}/review`)
    .set('authorization', `Bearer ${reviewer.token}`)
    .send({ scores: Object.fromEntries(CRITERIA.map((k) => [k, score])), comment: 'Toisen arvioijan perustelut.' })
    .expect(200);
  if (submit)
    await api.http().post(`/api/applications/${applicationId}/review/submit`).set('authorization', `Bearer ${reviewer.token}`).expect(200);
}

/** The radio group of the criterion titled `title` (its legend: the title, then the scale's hint). */
function criterion(page: Page, title: string, hint = 'Asteikko 0–5, painoarvo') {
  return page.getByRole('group', { name: new RegExp(`^${title} ${hint} \\d`) });
}

/** Chooses `score` in the radio group of the criterion titled `title`, as a mouse user would: on its label. */
async function choose(page: Page, title: string, score: number) {
  const group = criterion(page, title);
  await group.getByText(String(score), { exact: true }).click();
  await eventually(async () => expect(await group.getByRole('radio', { name: String(score), exact: true }).isChecked()).toBe(true));
}

beforeAll(async () => {
  ui = await serveUi();
  ({ api, base, browser } = ui);
});

afterAll(() => stopUi(ui));

beforeEach(async () => {
  await resetDatabase(api);
  admin = await adminToken(api);
});

describe('the reviewer in the browser', () => {
  it('sees the assignments with progress and due dates, scores two applications with the radio groups, submits each and sees it locked beside the others’ scores, and declares a conflict', async () => {
    const oph = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
    const me = await reviewerPerson(oph.id);
    const other = await createUser(api, admin, oph.id, ['reviewer']);
    // Due 15.1.2030 at 16.00 Helsinki time (winter, UTC+2); the older call's reviews were due 15.1.2020 at 12.00.
    const current = await callInReview(
      [
        { title: 'Kumppanuuksien johtaminen: Varsinais-Suomi', org: 'Turun ammatti-instituutti' },
        { title: 'Asiakkuudet keskiöön: Pirkanmaa', org: 'Tampereen seudun ammattiopisto' },
      ],
      '2030-01-15T14:00:00Z',
    );
    const older = await callInReview(
      [{ title: 'Työelämäyhteistyön verkosto: Lappi', org: 'Lapin koulutuskeskus' }],
      '2020-01-15T10:00:00Z',
      'Työelämäyhteistyön kehittäminen',
    );
    const [first, second] = current.apps;
    const [late] = older.apps;
    for (const app of current.apps) {
      await assign(current.callId, app.id, me.id);
      await assign(current.callId, app.id, other.id);
    }
    await assign(older.callId, late.id, me.id);
    // The other reviewer has submitted the first and only drafted the second.
    await review(other, first.id, 2, true);
    await review(other, second.id, 1, false);

    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.getByLabel('Sähköpostiosoite').fill(me.email);
      await page.getByLabel('Salasana').fill(PASSWORD);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.waitForURL(/\/reviews$/);
      await page.getByRole('heading', { level: 1, name: 'Arvioitavat hakemukset' }).waitFor();
      await page.getByText('3 arvioitavaa hakemusta: 0 lähetetty, 0 luonnoksena, 3 aloittamatta').waitFor();
      const table = page.getByRole('table', { name: 'Arvioitavat hakemukset' });
      // The overdue one first, said in words; the others with the call's due date in Helsinki time.
      const lateRow = table.getByRole('row', { name: /Lappi/ });
      await lateRow.getByText('Myöhässä').waitFor();
      await lateRow.getByText('Määräaika oli 15.1.2020 klo 12.00').waitFor();
      await lateRow.getByRole('cell', { name: 'Lapin koulutuskeskus' }).waitFor();
      await lateRow.getByRole('cell', { name: 'Työelämäyhteistyön kehittäminen' }).waitFor();
      expect(await table.locator('tbody tr').first().innerText()).toContain('Lappi');
      const firstRow = table.getByRole('row', { name: /Varsinais-Suomi/ });
      await firstRow.getByText('Arvioitava viimeistään 15.1.2030 klo 16.00').waitFor();
      await firstRow.getByRole('cell', { name: 'Turun ammatti-instituutti' }).waitFor();
      await firstRow.getByRole('cell', { name: /Osaamisperusteisuuden, asiakkuuksien/ }).waitFor();
      await firstRow.getByText('Aloittamatta').waitFor();
      expect(await firstRow.getByText('Myöhässä').count()).toBe(0);
      await expectNoSeriousAxe(page, 'reviewer assignments');
      await shot(page, 'fi-reviewer-01-assignments');

      // The first application: the content beside the criteria; nobody else's scores before one's own submit.
      await firstRow.getByRole('link', { name: first.title }).click();
      await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Hakemus' }).waitFor();
      await page.getByText('Alueellinen verkostohanke: työelämä, opiskelijat ja kolmas sektori', { exact: false }).waitFor();
      await page.getByText('Meyer Turku Oy (Työelämä)', { exact: false }).waitFor();
      await page.getByText('Henkilöstökulut: 500 000,00 €').waitFor();
      expect(await criterion(page, 'Kumppanuudet').getByRole('radio').count()).toBe(6);
      expect(await page.getByText('Arvioija 1').count()).toBe(0);
      expect(await page.getByText('Toisen arvioijan perustelut.').count()).toBe(0);

      // Submitting with nothing scored: the summary names each criterion and takes the focus; a link leads to the group.
      await page.getByRole('button', { name: 'Lähetä arvio' }).click();
      const summary = page.getByRole('heading', { name: 'Arviossa on 4 korjattavaa kohtaa' });
      await summary.waitFor();
      await focused(summary);
      await page.getByRole('link', { name: 'Kumppanuudet: Valitse pisteet 0–5' }).click();
      await focused(page.locator('#score-partnerships'));
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      await expectNoSeriousAxe(page, 'review (errors)');
      await shot(page, 'fi-reviewer-02-review-errors');

      await choose(page, 'Osaamisperusteisuuden johtaminen', 5);
      await choose(page, 'Asiakkuuksien johtaminen', 4);
      await choose(page, 'Kumppanuudet', 4);
      await choose(page, 'Verkoston laajuus ja vertaisoppiminen', 3);
      await page.getByLabel('Perustelut').fill('Vahva kumppanuusverkosto; vertaisoppiminen jää ohueksi.');
      expect(await page.getByRole('heading', { name: /korjattava/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
      await page.getByText(/Luonnos tallennettu klo \d{2}\.\d{2}\./).waitFor();
      await expectNoSeriousAxe(page, 'review (draft saved)');

      // The draft is kept: back on the list it is a draft, and it opens with its scores.
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Arvioitavat hakemukset' }).click();
      await page.getByText('3 arvioitavaa hakemusta: 0 lähetetty, 1 luonnoksena, 2 aloittamatta').waitFor();
      await table
        .getByRole('row', { name: /Varsinais-Suomi/ })
        .getByText('Luonnos')
        .waitFor();
      await table.getByRole('link', { name: first.title }).click();
      await page.getByText('Arviosi on tallennettu luonnoksena, mutta sitä ei ole vielä lähetetty.').waitFor();
      expect(await criterion(page, 'Asiakkuuksien johtaminen').getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('Perustelut').inputValue()).toBe('Vahva kumppanuusverkosto; vertaisoppiminen jää ohueksi.');

      // Submit asks first; cancel keeps the form, yes locks it and shows the other reviewer's submitted scores.
      await page.getByRole('button', { name: 'Lähetä arvio' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText(/Lähetetäänkö arvio\? Lähetettyä arviota ei voi enää muuttaa/).waitFor();
      await focused(confirm.getByRole('button', { name: 'Kyllä, lähetä arvio' }));
      await expectNoSeriousAxe(page, 'review (submit confirmation)');
      await shot(page, 'fi-reviewer-03-review-confirm');
      await confirm.getByRole('button', { name: 'Peruuta' }).click();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      await page.getByRole('button', { name: 'Lähetä arvio' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Kyllä, lähetä arvio' }).click();

      await page.getByText('Arvio on lähetetty', { exact: true }).waitFor();
      await page.getByText(/Lähetit arvion \d{1,2}\.\d{1,2}\.\d{4} klo \d{2}\.\d{2}\. Sitä ei voi enää muuttaa\./).waitFor();
      expect(await page.getByRole('radio').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Tallenna luonnos' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Ilmoita esteellisyydestä' }).count()).toBe(0);
      const scores = page.getByRole('table', { name: /Pisteet: oma arviosi/ });
      await scores.getByRole('columnheader', { name: 'Arvioija 1' }).waitFor();
      const partnerships = scores.getByRole('row', { name: /Kumppanuudet/ });
      expect(await partnerships.getByRole('cell').allInnerTexts()).toEqual(['4 / 5', '2 / 5']);
      // Weighted: (3·5/5 + 2·4/5 + 2·4/5 + 1·3/5) / 8 · 100 = 85; the other's all-2 review is 40.
      expect(
        await scores
          .getByRole('row', { name: /Painotettu pistemäärä/ })
          .getByRole('cell')
          .allInnerTexts(),
      ).toEqual(['85', '40']);
      await page.getByText('Toisen arvioijan perustelut.').waitFor();
      await expectNoSeriousAxe(page, 'review (submitted, others’ scores)');
      await shot(page, 'fi-reviewer-04-review-submitted');

      // The second: scored and submitted straight away; the other reviewer's draft stays hidden.
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Arvioitavat hakemukset' }).click();
      await page.getByText('3 arvioitavaa hakemusta: 1 lähetetty, 0 luonnoksena, 2 aloittamatta').waitFor();
      await table.getByRole('link', { name: second.title }).click();
      await page.getByRole('heading', { level: 1, name: second.title }).waitFor();
      await page.getByText('Tampereen seudun ammattiopisto').first().waitFor();
      for (const title of [
        'Osaamisperusteisuuden johtaminen',
        'Asiakkuuksien johtaminen',
        'Kumppanuudet',
        'Verkoston laajuus ja vertaisoppiminen',
      ]) {
        await choose(page, title, 3);
      }
      await page.getByRole('button', { name: 'Lähetä arvio' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Kyllä, lähetä arvio' }).click();
      await page.getByText('Arvio on lähetetty', { exact: true }).waitFor();
      await page.getByText('Muut arvioijat eivät ole vielä lähettäneet arviotaan.').waitFor();
      expect(await page.getByText('Toisen arvioijan perustelut.').count()).toBe(0);
      await expectNoSeriousAxe(page, 'review (submitted, no others yet)');

      const stored = await api.http().get(`/api/applications/${first.id}/reviews`).set('authorization', `Bearer ${admin}`).expect(200);
      expect(stored.body.find((r: { reviewerId: string }) => r.reviewerId === me.id)).toMatchObject({
        status: 'submitted',
        scores: { competence_based: 5, customers: 4, partnerships: 4, network: 3 },
        comment: 'Vahva kumppanuusverkosto; vertaisoppiminen jää ohueksi.',
        weightedScore: 85,
      });
      const secondStored = await api
        .http()
        .get(`/api/applications/${second.id}/reviews`)
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      expect(secondStored.body.find((r: { reviewerId: string }) => r.reviewerId === me.id)).toMatchObject({
        status: 'submitted',
        scores: { competence_based: 3, customers: 3, partnerships: 3, network: 3 },
        comment: '',
      });

      // The overdue one: a conflict of interest, its reason asked for first.
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Arvioitavat hakemukset' }).click();
      await page.getByText('3 arvioitavaa hakemusta: 2 lähetetty, 0 luonnoksena, 1 aloittamatta').waitFor();
      await table.getByRole('link', { name: late.title }).click();
      await page.getByRole('heading', { level: 1, name: late.title }).waitFor();
      await page.getByText('Määräaika oli 15.1.2020 klo 12.00').waitFor();
      await page.getByRole('button', { name: 'Ilmoita esteellisyydestä' }).click();
      await focused(page.getByLabel('Esteellisyyden syy'));
      await page.getByRole('button', { name: 'Ilmoita esteellisyys ja luovu arvioinnista' }).click();
      await page.getByText('Kerro esteellisyyden syy.').waitFor();
      await expectNoSeriousAxe(page, 'review (conflict reason missing)');
      await shot(page, 'fi-reviewer-05-conflict');
      await page.getByLabel('Esteellisyyden syy').fill('Olen ollut hakijaorganisaation hallituksessa.');
      await page.getByRole('button', { name: 'Ilmoita esteellisyys ja luovu arvioinnista' }).click();
      await page.getByText('Esteellisyys on kirjattu').waitFor();
      await page.getByText('Hakemus on poistettu arvioitavistasi.').waitFor();
      await expectNoSeriousAxe(page, 'review (conflict declared)');
      const [conflict] = await api.db.query('SELECT reason FROM reviewer_conflicts WHERE application_id = $1 AND reviewer_id = $2', [
        late.id,
        me.id,
      ]);
      expect(conflict).toEqual({ reason: 'Olen ollut hakijaorganisaation hallituksessa.' });

      await page.getByRole('link', { name: 'Takaisin arvioitaviin hakemuksiin' }).click();
      await page.getByText('2 arvioitavaa hakemusta: 2 lähetetty, 0 luonnoksena, 0 aloittamatta').waitFor();
      expect(await table.getByRole('link', { name: late.title }).count()).toBe(0);
      await expectNoSeriousAxe(page, 'reviewer assignments (done)');
      await shot(page, 'fi-reviewer-06-assignments-done');
    } finally {
      await context.close();
    }
  });

  it('speaks Swedish to the reviewer of a Swedish-speaking organisation, says a refused save in words and says plainly when an application is not theirs to review', async () => {
    const org = await createOrg(api, admin, { name: 'Utbildningsstyrelsen', kind: 'authority', language: 'sv' });
    const me = await reviewerPerson(org.id);
    const { callId, apps } = await callInReview(
      [
        { title: 'Partnerskap i Österbotten', org: 'Yrkesakademin i Österbotten' },
        { title: 'Kundrelationer i Nyland', org: 'Prakticum' },
      ],
      '2030-01-15T14:00:00Z',
    );
    await assign(callId, apps[0].id, me.id);
    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.getByLabel('Sähköpostiosoite').fill(me.email);
      await page.getByLabel('Salasana').fill(PASSWORD);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.waitForURL(/\/reviews$/);
      await page.getByRole('heading', { level: 1, name: 'Ansökningar att bedöma' }).waitFor();
      await page.getByText('1 ansökan att bedöma: 0 inskickad, 0 som utkast, 1 inte påbörjad').waitFor();
      const row = page.getByRole('table', { name: 'Ansökningar att bedöma' }).getByRole('row', { name: /Österbotten/ });
      await row.getByText('Ska bedömas senast 15.1.2030 16.00').waitFor();
      await row.getByText('Inte påbörjad').waitFor();
      await expectNoSeriousAxe(page, 'reviewer assignments (sv)');
      await shot(page, 'sv-reviewer-01-assignments');

      await row.getByRole('link', { name: 'Partnerskap i Österbotten' }).click();
      await page.getByRole('heading', { level: 2, name: 'Din bedömning' }).waitFor();
      await criterion(page, 'Kumppanuudet', 'Skala 0–5, vikt').getByRole('radio', { name: '5', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Skicka bedömningen' }).waitFor();
      await page.getByRole('button', { name: 'Meddela jäv' }).waitFor();
      await expectNoSeriousAxe(page, 'review (sv)');
      await shot(page, 'sv-reviewer-02-review');

      // The application leaves review while the page is open: the API's 409 said in Swedish beside the button.
      for (const title of [
        'Osaamisperusteisuuden johtaminen',
        'Asiakkuuksien johtaminen',
        'Kumppanuudet',
        'Verkoston laajuus ja vertaisoppiminen',
      ]) {
        await criterion(page, title, 'Skala 0–5, vikt').getByText('2', { exact: true }).click();
      }
      await api.db.query(`UPDATE applications SET status = 'rejected' WHERE id = $1`, [apps[0].id]);
      await page.getByRole('button', { name: 'Spara utkast' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Bedömningen kunde inte sparas: ansökan bedöms inte längre eller bedömningen har redan skickats in.' })
        .waitFor();
      await expectNoSeriousAxe(page, 'review (refused, sv)');
      await api.db.query(`UPDATE applications SET status = 'in_review' WHERE id = $1`, [apps[0].id]);

      // Another reviewer's application, typed into the address bar: refused, and said so.
      await page.goto(`/reviews/${apps[1].id}`);
      await page.getByText('Ansökan kunde inte laddas. Den är kanske inte längre tilldelad dig för bedömning.').waitFor();
      expect(await page.getByRole('radio').count()).toBe(0);
      await expectNoSeriousAxe(page, 'review (not assigned, sv)');
    } finally {
      await context.close();
    }
  });
});
