import ExcelJS from 'exceljs';
/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { axe, eventually, screenshot, serveUi, stopUi, UiServer } from './browser';

/**
 * The officer's path in real Chromium against the built UI and the real API: sign in and land on
 * the calls they run, create and publish a call in the editor, assign reviewers automatically on a
 * closed call, read the ranking and the proposal, fund six network projects and see the seventh
 * refused in words, publish the decisions. Also the home and the nav by role for a user with two
 * roles, and the Swedish-speaking applicant getting Swedish pages right after sign-in. Axe on every
 * page visited.
 */
jest.setTimeout(180_000);

const PASSWORD = 'virkailija-password';
const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];

let api: TestApi;
let base: string;
let browser: Browser;
let admin: string;
let users = 0;

async function person(organizationId: string, name: string, roles: string[]): Promise<{ id: string; email: string }> {
  const email = `${roles.join('-')}-${(users += 1)}-${process.pid}@avustus.test`;
  const res = await api
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ email, name, password: PASSWORD, roles, organizationId });
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return { id: res.body.id as string, email };
}

async function officer(): Promise<string> {
  const okm = await createOrg(api, admin, { name: 'Opetus- ja kulttuuriministeriö', kind: 'authority' });
  return (await person(okm.id, 'Virve Virkailija', ['admin'])).email;
}

async function newPage(locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 900 },
    locale,
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

async function signIn(page: Page, email: string, labels = { email: 'Sähköpostiosoite', password: 'Salasana', submit: 'Kirjaudu sisään' }) {
  await page.goto('/');
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByRole('button', { name: /Kirjaudu ulos|Logga ut|Sign out/ }).waitFor();
}

async function expectNoSeriousAxe(page: Page, name: string) {
  expect(await axe(page, name)).toEqual([]);
}

/**
 * A closed call of the 2018 kind (six network projects, one coordination; 4 000 000 €) with seven
 * submitted network-project applications and one coordination application, each from its own
 * provider, now in review; and two reviewers of the ministry's agency.
 */
async function closedCallInReview(): Promise<{ callId: string; apps: { id: string; org: string }[]; reviewers: UserFixture[] }> {
  const oph = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
  const reviewers = [await createUser(api, admin, oph.id, ['reviewer']), await createUser(api, admin, oph.id, ['reviewer'])];
  const call = await openCall(api, admin, 60 * 60_000, { reviewsPerApplication: 2 });
  const regions = ['Varsinais-Suomi', 'Pirkanmaa', 'Päijät-Häme', 'Pohjois-Savo', 'Keski-Suomi', 'Lappi', 'Uusimaa'];
  const apps: { id: string; org: string }[] = [];
  for (const [i, region] of [...regions, 'Koordinaatio'].entries()) {
    const org = await createOrg(api, admin, { name: `Ammattiopisto ${region}`, municipality: region });
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    const res = await api
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set('authorization', `Bearer ${applicant.token}`)
      .send(
        applicationBody({
          category: i < 7 ? 'network_project' : 'coordination',
          title: i < 7 ? `Kumppanuuksien johtaminen: ${region}` : 'Verkostohankkeiden koordinaatio',
          requestedAmount: 50_000_000,
          selfFinancingAmount: 10_000_000,
          budget: [{ item: 'Henkilöstökulut', amount: 60_000_000 }],
        }),
      )
      .expect(201);
    await api.http().post(`/api/applications/${res.body.id}/submit`).set('authorization', `Bearer ${applicant.token}`).expect(200);
    apps.push({ id: res.body.id as string, org: org.name });
  }
  // What the closing job does (the API process runs no worker): the call closed, its submitted applications in review.
  await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now() WHERE id = $1`, [call.id]);
  await api.db.query(`UPDATE applications SET status = 'in_review' WHERE call_id = $1 AND status = 'submitted'`, [call.id]);
  return { callId: call.id, apps, reviewers };
}

/** Both reviewers score every application; on the first the two disagree by 60 points. */
async function reviewAll(apps: { id: string }[], reviewers: UserFixture[]) {
  for (const [i, app] of apps.entries()) {
    for (const [j, r] of reviewers.entries()) {
      const score = i === 0 ? (j === 0 ? 5 : 2) : 5 - Math.min(i, 4) + (j === 0 ? 0 : i % 2);
      await api
        .http()
        .put(`/api/applications/${app.id}/review`)
        .set('authorization', `Bearer ${r.token}`)
        .send({ scores: Object.fromEntries(CRITERIA.map((k) => [k, Math.min(5, score)])), comment: 'Selkeä suunnitelma.' })
        .expect(200);
      await api.http().post(`/api/applications/${app.id}/review/submit`).set('authorization', `Bearer ${r.token}`).expect(200);
    }
  }
}

let ui: UiServer | undefined;

beforeAll(async () => {
  ui = await serveUi();
  ({ api, base, browser } = ui);
});

afterAll(() => stopUi(ui));

beforeEach(async () => {
  await resetDatabase(api);
  admin = await adminToken(api);
});

describe('the officer in the browser', () => {
  it('lands on the calls they run, creates a call in the editor in Helsinki time and publishes it with a confirmation', async () => {
    const email = await officer();
    const { context, page } = await newPage();
    try {
      await signIn(page, email);
      await page.waitForURL(/\/officer$/);
      await page.getByRole('heading', { level: 1, name: 'Hallinnoimani haut' }).waitFor();
      await page.getByText('Hakuja ei ole vielä.').waitFor();
      await expectNoSeriousAxe(page, 'officer calls (empty)');

      await page.getByRole('link', { name: 'Uusi haku' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uusi haku' }).waitFor();
      await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
      await page.getByRole('heading', { name: /korjattavaa kohtaa/ }).waitFor();
      await page.getByText('Haun nimi suomeksi: Tieto puuttuu.').waitFor();
      expect(await page.getByLabel('Haun nimi suomeksi').getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxe(page, 'call editor (errors)');

      await page.getByLabel('Haun nimi suomeksi').fill('Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen');
      await page.getByLabel('Haun nimi ruotsiksi').fill('Ledning av kompetensbasering, kundrelationer och partnerskap');
      await page.getByLabel('Kuvaus suomeksi').fill('Valtionavustus ammatillisen koulutuksen järjestäjien verkostohankkeisiin.');
      await page.getByLabel('Haku alkaa').fill('2027-10-22T09:00');
      await page.getByLabel('Haku päättyy', { exact: true }).fill('2027-11-22T00:00');
      await page.getByLabel('Väliraportti viimeistään').fill('2028-12-31T23:59');
      await page.getByLabel('Määräraha yhteensä (€)').fill('4 000 000');
      await page.getByLabel('Omarahoitus vähintään (%)').fill('10');
      await page.getByLabel('kunnat').check();
      const category = page.getByRole('group', { name: 'Kohde 1' });
      await category.getByLabel('Tunniste').fill('network_project');
      await category.getByLabel('Kohteen nimi').fill('Alueellinen verkostohanke');
      await category.getByLabel('Rahoitetaan enintään (kpl)').fill('6');
      await category.getByLabel('Avustus enintään hakemusta kohden (€)').fill('700 000');
      const criterion = page.getByRole('group', { name: 'Kriteeri 1' });
      await criterion.getByLabel('Tunniste').fill('partnerships');
      await criterion.getByLabel('Kriteerin nimi').fill('Kumppanuudet');
      await criterion.getByLabel('Painoarvo').fill('2');
      await page.getByLabel('Arvioita hakemusta kohden').fill('3');
      await page.getByRole('button', { name: 'Tallenna luonnos' }).click();
      await page.waitForURL(/\/officer\/calls\/[0-9a-f-]+\/edit$/);
      const callId = page.url().split('/calls/')[1].split('/')[0];
      await page.getByRole('heading', { level: 1, name: 'Muokkaa hakua' }).waitFor();
      await eventually(async () => expect(await page.getByLabel('Haku päättyy', { exact: true }).inputValue()).toBe('2027-11-22T00:00'));
      await expectNoSeriousAxe(page, 'call editor');
      await screenshot(page, 'fi-officer-02-call-editor');

      await page.getByRole('button', { name: 'Julkaise haku' }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText(/Julkaistaanko haku/).waitFor();
      await expectNoSeriousAxe(page, 'call editor (publish confirmation)');
      await confirm.getByRole('button', { name: 'Kyllä, julkaise haku' }).click();
      await page
        .getByText(/Haku on julkaistu/)
        .first()
        .waitFor();

      const saved = await api.http().get(`/api/calls/${callId}`).set('authorization', `Bearer ${admin}`).expect(200);
      expect(saved.body).toMatchObject({
        status: 'published',
        opensAt: '2027-10-22T06:00:00.000Z',
        closesAt: '2027-11-21T22:00:00.000Z',
        totalBudget: 400_000_000,
        eligibleKinds: ['education_provider', 'municipality'],
        reviewsPerApplication: 3,
        minSelfFinancingPercent: 10,
        categories: [{ key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 6, maxAmount: 70_000_000 }],
        criteria: [{ key: 'partnerships', title: 'Kumppanuudet', weight: 2, maxScore: 5 }],
        reportsDue: [{ type: 'interim', dueAt: '2028-12-31T21:59:00.000Z' }],
      });
      expect(saved.body.title).toEqual({
        fi: 'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen',
        sv: 'Ledning av kompetensbasering, kundrelationer och partnerskap',
      });

      await page.getByRole('link', { name: 'Hallinnoimani haut' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Hallinnoimani haut' }).waitFor();
      await page.getByText(/Haku päättyy 21\.11\.2027 klo 24\.00/).waitFor();
      await expectNoSeriousAxe(page, 'officer calls');
      await screenshot(page, 'fi-officer-01-calls');
    } finally {
      await context.close();
    }
  });

  it('auto-assigns reviewers on a closed call, reads the ranking and the proposal, funds six network projects, sees the seventh refused in words and publishes', async () => {
    const email = await officer();
    const { callId, apps, reviewers } = await closedCallInReview();
    const { context, page } = await newPage();
    try {
      await signIn(page, email);
      await page.waitForURL(/\/officer$/);
      await page.getByText('Hakemuksia 8, joista lähetetty 8').waitFor();
      await page.getByText(/Haku päättyi/).waitFor();
      await page.getByRole('link', { name: /Osaamisperusteisuuden/ }).click();

      await page.getByRole('heading', { level: 1, name: /Hakemukset/ }).waitFor();
      await page.getByText('8 hakemusta').waitFor();
      const [listing] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Lataa hakemukset (XLSX)' }).click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await listing.path());
      expect(book.worksheets[0].actualRowCount).toBe(1 + 8); // the header and the eight applications
      await page.getByLabel('Kohde').selectOption('coordination');
      await page.getByText('1 hakemus', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Verkostohankkeiden koordinaatio' }).waitFor();
      await page.getByLabel('Kohde').selectOption('');
      await page.getByLabel('Järjestys').selectOption('title');
      await eventually(async () =>
        expect(await page.locator('tbody tr td:first-child').first().innerText()).toBe('Kumppanuuksien johtaminen: Keski-Suomi'),
      );
      await page.getByRole('cell', { name: 'Ammattiopisto Lappi' }).waitFor();
      await expectNoSeriousAxe(page, 'officer applications');
      await screenshot(page, 'fi-officer-03-applications');

      await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Arvioijat' }).click();
      await page.getByRole('heading', { level: 1, name: /Arvioijat/ }).waitFor();
      await page.getByRole('button', { name: 'Jaa arvioijat automaattisesti' }).click();
      await page.getByText('Tehtiin 16 uutta arviointitehtävää.').waitFor();
      await expectNoSeriousAxe(page, 'officer assignments');
      await screenshot(page, 'fi-officer-04-assignments');

      await reviewAll(apps, reviewers);
      const ranking = await api.http().get(`/api/calls/${callId}/ranking`).set('authorization', `Bearer ${admin}`).expect(200);

      await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Paremmuusjärjestys' }).click();
      await page.getByRole('heading', { level: 1, name: /Paremmuusjärjestys/ }).waitFor();
      const network = page.getByRole('table', { name: 'Paremmuusjärjestys: Alueellinen verkostohanke' });
      await network.getByRole('row', { name: /Ammattiopisto Varsinais-Suomi/ }).waitFor();
      expect(await network.getByRole('row').count()).toBe(8);
      const first = ranking.body.find((r: { applicationId: string }) => r.applicationId === apps[0].id);
      expect(first.spread).toBe(60);
      const firstRow = network.getByRole('row', { name: /Varsinais-Suomi/ });
      await firstRow.getByRole('cell', { name: '60,0' }).waitFor();
      if ('disagreement' in first) await firstRow.getByText('Arviot eroavat').waitFor();
      await page.getByRole('heading', { name: 'Rahoitusehdotus' }).waitFor();
      await page.getByText(/Ehdotus: 7 hakemusta/).waitFor();
      await page.getByText('Ei ehdoteta: kohteen enimmäismäärä täyttyy paremmin pisteytetyillä.').waitFor();
      await expectNoSeriousAxe(page, 'officer ranking');
      await screenshot(page, 'fi-officer-05-ranking');

      const downloaded = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Lataa CSV-tiedostona' }).click();
      expect((await downloaded).suggestedFilename()).toBe(`ranking-${callId}.csv`);

      await firstRow.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'Kumppanuuksien johtaminen: Varsinais-Suomi' }).waitFor();
      await page.getByRole('heading', { name: 'Arviot' }).waitFor();
      await page.getByText('Versio 1, lähetetty', { exact: false }).waitFor();
      await expectNoSeriousAxe(page, 'officer application');
      await screenshot(page, 'fi-officer-06-application');
      await page.goBack();

      await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Päätökset' }).click();
      await page.getByRole('heading', { level: 1, name: /Päätökset/ }).waitFor();
      await page.getByText('Alueellinen verkostohanke: 0 / 6 rahoitettu').waitFor();
      const ranked = [...ranking.body]
        .filter((r: { category: string }) => r.category === 'network_project')
        .sort((a: { rank: number }, b: { rank: number }) => a.rank - b.rank);
      for (const [i, r] of ranked.slice(0, 6).entries()) {
        await page.getByLabel('Perustelu').nth(i).fill('Vahva alueellinen verkosto.');
        await page.getByRole('button', { name: `Myönnä avustus: ${r.title}` }).click();
        await page.getByText(`Alueellinen verkostohanke: ${i + 1} / 6 rahoitettu`).waitFor();
      }
      await page.getByText('Määrärahaa käytetty 3 000 000,00 €, jäljellä 1 000 000,00 € (yhteensä 4 000 000,00 €)').waitFor();
      const seventh = ranked[6];
      await page.getByLabel('Perustelu').nth(6).fill('Vahva alueellinen verkosto.');
      await page.getByRole('button', { name: `Myönnä avustus: ${seventh.title}` }).click();
      const refusal = page
        .getByRole('alert')
        .filter({ hasText: 'Ei voi myöntää: kohteessa ”Alueellinen verkostohanke” on jo rahoitettu enimmäismäärä hankkeita.' });
      await refusal.waitFor();
      expect(await page.getByRole('button', { name: `Myönnä avustus: ${seventh.title}` }).getAttribute('aria-describedby')).toBe(
        await refusal.getAttribute('id'),
      );
      await expectNoSeriousAxe(page, 'officer decisions (cap refusal)');
      await screenshot(page, 'fi-officer-07-decisions');

      await page.getByRole('button', { name: `Hylkää: ${seventh.title}` }).click();
      await page.getByText('Päätös: ei myönnetty').waitFor();
      await page.getByLabel('Myönnettävä avustus (€)').nth(7).fill('380 000,50');
      await page.getByLabel('Perustelu').nth(7).fill('Koordinaatio on kattava.');
      await page.getByRole('button', { name: 'Myönnä avustus: Verkostohankkeiden koordinaatio' }).click();
      await page.getByText('Päätös: avustus myönnetty 380 000,50 €').waitFor();

      await page.getByRole('button', { name: 'Julkaise päätökset' }).click();
      await page
        .getByRole('alertdialog')
        .getByText(/Julkaistaanko päätökset\? Hakijoille lähetetään tieto: 7 myönnettyä ja 1 hylättyä/)
        .waitFor();
      await expectNoSeriousAxe(page, 'officer decisions (publish confirmation)');
      await page.getByRole('button', { name: 'Kyllä, julkaise päätökset' }).click();
      await page.getByText('Päätökset on julkaistu: 7 myönnetty, 1 hylätty.').waitFor();
      const call = await api.http().get(`/api/calls/${callId}`).set('authorization', `Bearer ${admin}`).expect(200);
      expect(call.body.phase).toBe('decided');
    } finally {
      await context.close();
    }
  });
});

describe('home and language by the person', () => {
  it('takes a user with two roles to the work of the role they choose, the nav following the role', async () => {
    const org = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus', municipality: 'Lahti' });
    const { email } = await person(org.id, 'Päivi Saarelainen', ['applicant', 'coordinator']);
    const { context, page } = await newPage();
    try {
      await signIn(page, email);
      await page.waitForURL(/\/coordination$/);
      const nav = page.getByRole('navigation', { name: 'Päävalikko' });
      await nav.getByRole('link', { name: 'Koordinointi' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Haut' }).count()).toBe(0);
      await page.getByText('Koulutuskeskus Salpaus · koordinaattori').waitFor();

      await page.getByLabel('Rooli').selectOption('applicant');
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();
      await nav.getByRole('link', { name: 'Haut' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Koordinointi' }).count()).toBe(0);
      await expectNoSeriousAxe(page, 'applicant home (two roles)');
      await screenshot(page, 'fi-officer-08-role-switch');

      // The choice holds for the tab: a reload stays in the applicant's room.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();
      expect(await page.getByLabel('Rooli').inputValue()).toBe('applicant');

      await page.getByLabel('Rooli').selectOption('coordinator');
      await page.waitForURL(/\/coordination$/);
    } finally {
      await context.close();
    }
  });

  it('gives the applicant of a Swedish-speaking organisation Swedish pages right after sign-in, though the browser is Finnish, and remembers Finnish chosen in the menu on the account', async () => {
    const org = await createOrg(api, admin, { name: 'Yrkesinstitutet Prakticum', municipality: 'Helsingfors', language: 'sv' });
    const { email } = await person(org.id, 'Sara Sökande', ['applicant']);
    const call = await openCall(api, admin, 60 * 60_000, { closesAt: '2030-11-22T00:00:00+02:00' });
    expect(call.closesAt).toBe('2030-11-21T22:00:00.000Z');
    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await signIn(page, email);
      await page.getByRole('heading', { level: 1, name: 'Egna ansökningar' }).waitFor();
      await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('sv'));
      await page.getByText(/Ansökningstiden går ut 21\.11\.2030 24\.00/).waitFor();
      await expectNoSeriousAxe(page, 'applicant home (sv)');
      await screenshot(page, 'sv-officer-01-home-after-sign-in');

      // Finnish chosen in the menu is remembered on the account, not only in this browser.
      await page.getByRole('button', { name: /På svenska \(SV\)/ }).click();
      await page.getByRole('menuitem', { name: 'Suomeksi (FI)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();
      await eventually(async () =>
        expect(await api.db.query('SELECT language FROM users WHERE email = $1', [email.toLowerCase()])).toEqual([{ language: 'fi' }]),
      );
    } finally {
      await context.close();
    }
    // Another browser, set to Swedish: the sign-in page is Swedish, the pages after it Finnish.
    const other = await newPage('sv-FI');
    try {
      await signIn(other.page, email, { email: 'E-postadress', password: 'Lösenord', submit: 'Logga in' });
      await other.page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();
      expect(await other.page.locator('html').getAttribute('lang')).toBe('fi');
    } finally {
      await other.context.close();
    }
  });

  it('speaks the browser’s language before sign-in', async () => {
    const { context, page } = await newPage('sv-FI');
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    } finally {
      await context.close();
    }
  });
});
