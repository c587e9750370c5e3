/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { CallFixture, openCall as openCallFixture } from '../factories/call.factory';
import { adminToken, createOrg, login } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { axe, eventually, focused, screenshot, serveUi, stopUi, tabTo, UiServer } from './browser';

/**
 * The applicant's journey in real Chromium against the built UI, served by the real API on the
 * real test database: sign in, draft with autosave, errors from the API on their fields, submit
 * with a receipt, the deadline refusal, in Finnish and in Swedish, with the keyboard alone, and
 * axe on every page visited.
 */
jest.setTimeout(120_000);

const PASSWORD = 'hakija-password';

let api: TestApi;
let base: string;
let browser: Browser;
let admin: string;

interface World {
  orgId: string;
  email: string;
  token: string;
  memberName: string;
}

let users = 0;

/** An applicant of a provider speaking `language`: the UI speaks it once they have signed in. */
async function world(language = 'fi'): Promise<World> {
  const org = await createOrg(api, admin, {
    name: 'Turun ammatti-instituutti',
    kind: 'education_provider',
    municipality: 'Turku',
    language,
  });
  const member = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus', kind: 'education_provider', municipality: 'Lahti' });
  const email = `hakija-${(users += 1)}-${process.pid}@avustus.test`;
  const res = await api
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ email, name: 'Päivi Lehtinen', password: PASSWORD, roles: ['applicant'], organizationId: org.id });
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return { orgId: org.id, email, token: await login(api, email, PASSWORD), memberName: member.name };
}

/** A published call of the KOPA pilot kind (seeds/001), open now, closing `closesInMs` ahead. */
function openCall(closesInMs: number): Promise<CallFixture> {
  return openCallFixture(api, admin, closesInMs, {
    title: {
      fi: 'Koulutus palveluna – koulutuksen saatavuus ja saavutettavuus (KOPA): aluepilotit',
      sv: 'Utbildning som tjänst – utbildningens tillgänglighet (KOPA): regionala piloter',
    },
    description: {
      fi: 'Opetus- ja kulttuuriministeriö hakee alueellisia pilottiryhmiä, joissa kunnat ja koulutuksen järjestäjät kehittävät yhdessä koulutuksen saatavuutta.',
      sv: 'Undervisnings- och kulturministeriet söker regionala pilotgrupper där kommuner och utbildningsanordnare tillsammans utvecklar utbildningens tillgänglighet.',
    },
  });
}

/**
 * Brings the call's closing time to 1.5 s from now (the database's clock), once the page under test
 * is ready: a deadline a few seconds ahead from the start would pass before a slow machine has
 * signed in and loaded the page. Returns the new closing time.
 */
async function closeSoon(callId: string): Promise<Date> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [rows] = (await api.db.query(
    `UPDATE calls SET closes_at = now() + interval '1500 milliseconds' WHERE id = $1 RETURNING closes_at`,
    [callId],
  )) as [{ closes_at: Date }[], number];
  return rows[0].closes_at;
}

/** A complete draft made through the API, ready to submit. */
async function completeDraft(token: string, callId: string, title: string): Promise<string> {
  const res = await api
    .http()
    .post(`/api/calls/${callId}/applications`)
    .set('authorization', `Bearer ${token}`)
    .send({
      category: 'network_project',
      title,
      summary: 'Alueellinen verkostohanke.',
      requestedAmount: 9_000_000,
      selfFinancingAmount: 1_000_000,
      projectStart: '2027-01-01',
      projectEnd: '2028-12-31',
      partners: [{ name: 'Meyer Turku Oy', kind: 'working_life' }],
      budget: [{ item: 'Henkilöstökulut', amount: 10_000_000 }],
    })
    .expect(201);
  return res.body.id as string;
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'fi-FI', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('response', (r) => {
    if (r.status() >= 400 && process.env.UI_TEST_DEBUG)
      void r.text().then((t) => console.log(r.status(), r.request().method(), r.url(), t));
  });
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

async function signIn(page: Page, email: string, labels = { email: 'Sähköpostiosoite', password: 'Salasana', submit: 'Kirjaudu sisään' }) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByRole('button', { name: /Kirjaudu ulos|Logga ut|Sign out/ }).waitFor();
}

async function expectNoSeriousAxe(page: Page, name: string) {
  expect(await axe(page, name)).toEqual([]);
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

describe('the applicant in the browser', () => {
  it('signs in, drafts with autosave, gets the API’s errors on their fields and submits with a receipt, in Finnish', async () => {
    const w = await world();
    await openCall(60 * 60_000);
    const { context, page } = await newPage();
    try {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('fi'));
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await expectNoSeriousAxe(page, 'sign-in');
      await screenshot(page, 'fi-01-sign-in');

      await page.getByLabel('Sähköpostiosoite').fill(w.email);
      await page.getByLabel('Salasana').fill('wrong-password');
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByRole('alert').filter({ hasText: 'Sähköpostiosoite tai salasana on väärin' }).waitFor();
      await expectNoSeriousAxe(page, 'sign-in (wrong password)');

      await signIn(page, w.email);
      await page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();
      await page.getByText('Turun ammatti-instituutti · hakija').waitFor();
      await page.getByRole('link', { name: /KOPA/ }).first().waitFor();
      await expectNoSeriousAxe(page, 'home');
      await screenshot(page, 'fi-02-home');

      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Haut' }).click();
      const callsHeading = page.getByRole('heading', { level: 1, name: 'Haut' });
      await callsHeading.waitFor();
      await focused(callsHeading);
      await page
        .getByText(/Aikaa jäljellä/)
        .first()
        .waitFor();
      await expectNoSeriousAxe(page, 'calls');
      await screenshot(page, 'fi-03-calls');

      await page.getByRole('link', { name: /KOPA/ }).click();
      await page.getByRole('heading', { level: 1, name: /KOPA/ }).waitFor();
      await page.getByText('Haku päättyy', { exact: true }).waitFor();
      await expectNoSeriousAxe(page, 'call');
      await screenshot(page, 'fi-04-call');

      await page.getByRole('radio', { name: 'Alueellinen verkostohanke' }).check();
      await page.getByRole('button', { name: 'Aloita uusi hakemus' }).click();
      await page.waitForURL(/\/applications\//);
      const applicationId = page.url().split('/applications/')[1];
      await page.getByRole('heading', { level: 1, name: 'Nimetön hakemus' }).waitFor();

      await page.getByLabel('Hankkeen nimi').fill('Kumppanuuksien johtaminen Varsinais-Suomessa');
      await page.getByLabel('Tiivistelmä').fill('Työelämä, opiskelijat ja kolmas sektori mukana johtamisen kehittämisessä.');
      await page.getByLabel('Haettava avustus (€)').fill('90 000');
      await page.getByLabel('Omarahoitus (€)').fill('9 999,50');
      await page.getByLabel('Hanke alkaa').fill('2027-01-01');
      await page.getByLabel('Hanke päättyy').fill('2028-12-31');
      await page.getByLabel('Hae organisaatiota').fill('salp');
      await page.getByRole('button', { name: `Lisää ${w.memberName}` }).click();
      await page.getByRole('button', { name: 'Lisää kumppani' }).click();
      await page.getByLabel('Kumppani 1: nimi').fill('Meyer Turku Oy');
      await page.getByRole('button', { name: 'Lisää kustannuserä' }).click();
      await page.getByLabel('Kustannuserä 1: nimike').fill('Henkilöstökulut');
      await page.getByLabel('Kustannuserä 1: summa (€)').fill('80 000');
      await page.getByRole('button', { name: 'Lisää kustannuserä' }).click();
      await page.getByLabel('Kustannuserä 2: nimike').fill('Matkat');
      await page.getByLabel('Kustannuserä 2: summa (€)').fill('10 000');

      // The running total and both rules, as the applicant types.
      await eventually(async () => expect(await page.getByTestId('budget-total').textContent()).toMatch(/90\s000,00\s€/));
      await page.getByText(/Kustannuksia on 9\s999,50\s€ vähemmän/).waitFor();
      await page.getByText(/Omarahoitus jää alle haun vaatiman 10\s%/).waitFor();

      // Autosave, seen, and stored in cents.
      await page
        .getByRole('status')
        .filter({ hasText: /Luonnos tallennettu klo/ })
        .waitFor();
      const stored = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(stored.body).toMatchObject({
        title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
        requestedAmount: 9_000_000,
        selfFinancingAmount: 999_950,
        projectStart: '2027-01-01',
        budget: [
          { item: 'Henkilöstökulut', amount: 8_000_000 },
          { item: 'Matkat', amount: 1_000_000 },
        ],
        partners: [{ name: 'Meyer Turku Oy', kind: 'working_life' }],
      });
      expect(stored.body.memberOrganizationIds).toHaveLength(1);
      await expectNoSeriousAxe(page, 'application form (draft)');
      await screenshot(page, 'fi-05-application-draft');

      // The API refuses the submit: its errors land on the fields, summarised and linked.
      await page.getByRole('button', { name: 'Lähetä hakemus' }).click();
      const summary = page.getByRole('heading', { name: /Hakemuksessa on 2 korjattavaa kohtaa/ });
      await summary.waitFor();
      await focused(summary);
      const selfField = page.getByLabel('Omarahoitus (€)');
      await eventually(async () => expect(await selfField.getAttribute('aria-invalid')).toBe('true'));
      const describedBy = (await selfField.getAttribute('aria-describedby')) ?? '';
      const description = await page.evaluate(
        (ids) =>
          ids
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        describedBy,
      );
      expect(description).toMatch(/Omarahoituksen on oltava vähintään 10\s% kokonaiskustannuksista\./);
      await expectNoSeriousAxe(page, 'application form (errors)');
      await screenshot(page, 'fi-06-application-errors');
      await page.getByRole('link', { name: /^Omarahoitus \(€\):/ }).click();
      await focused(selfField);

      await selfField.fill('10 000');
      await page.getByLabel('Kustannuserä 2: summa (€)').fill('20 000');
      await page.getByText('Talousarvio täsmää.').waitFor();
      await page.getByRole('button', { name: 'Lähetä hakemus' }).click();
      const receipt = page.getByRole('heading', { name: 'Hakemus on lähetetty' });
      await receipt.waitFor();
      await focused(receipt);
      const submitted = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', selfFinancingAmount: 1_000_000 });
      const version = String(submitted.body.submittedVersion);
      await page.locator('.receipt dd').getByText(version, { exact: true }).waitFor();
      await page.getByText(new RegExp(`Versio ${version}, lähetetty`)).waitFor();
      await expectNoSeriousAxe(page, 'application (receipt)');
      await screenshot(page, 'fi-07-application-receipt');

      await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Etusivu' }).click();
      await page.getByRole('heading', { level: 3, name: 'Lähetetyt (1)' }).waitFor();

      await page
        .getByRole('navigation', { name: 'Päävalikko' })
        .getByRole('link', { name: /^Ilmoitukset/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Ilmoitukset' }).waitFor();
      await expectNoSeriousAxe(page, 'notifications');
      await screenshot(page, 'fi-08-notifications');

      await page.getByRole('link', { name: 'Saavutettavuusseloste' }).click();
      await page.getByRole('heading', { level: 1, name: 'Saavutettavuusseloste' }).waitFor();
      await expectNoSeriousAxe(page, 'accessibility statement');
      await screenshot(page, 'fi-09-accessibility-statement');

      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
    } finally {
      await screenshot(page, `last-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-')}`);
      await context.close();
    }
  });

  it('submits before a deadline seconds ahead and is refused plainly after it, in Swedish', async () => {
    const w = await world('sv');
    const call = await openCall(10 * 60_000);
    const applicationId = await completeDraft(w.token, call.id, 'Nätverksprojekt i Egentliga Finland');
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await page.getByRole('button', { name: /Kieli: Suomeksi/ }).click();
      await page.getByRole('menuitem', { name: 'På svenska (SV)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('sv'));
      await expectNoSeriousAxe(page, 'sign-in (sv)');
      await screenshot(page, 'sv-01-sign-in');
      await signIn(page, w.email, { email: 'E-postadress', password: 'Lösenord', submit: 'Logga in' });
      await page.getByRole('heading', { level: 1, name: 'Egna ansökningar' }).waitFor();
      await expectNoSeriousAxe(page, 'home (sv)');

      await page.goto(`/applications/${applicationId}`);
      await page.getByRole('heading', { level: 1, name: 'Nätverksprojekt i Egentliga Finland' }).waitFor();
      await page.getByText(/Tid kvar/).waitFor();
      await expectNoSeriousAxe(page, 'application form (sv)');
      await screenshot(page, 'sv-02-application');
      await page.getByRole('button', { name: 'Skicka in ansökan' }).click();
      await page.getByRole('heading', { name: 'Ansökan har skickats in' }).waitFor();
      await screenshot(page, 'sv-03-receipt');

      // After the deadline (the database's clock decides), a changed and re-submitted application is refused.
      const closesAt = await closeSoon(call.id);
      await page.waitForTimeout(closesAt.getTime() - Date.now() + 500);
      await page.getByLabel('Projektets namn').fill('Nätverksprojekt i Egentliga Finland, ändrad');
      await page.getByRole('button', { name: 'Skicka in ändringarna' }).click();
      await page.getByText('Ansökningstiden har gått ut', { exact: true }).first().waitFor();
      await page
        .getByText(/Ansökan kan inte längre skickas in, ändras eller återtas\. Den senast inskickade versionen 1 behandlas\./)
        .waitFor();
      await eventually(async () => expect(await page.getByRole('button', { name: 'Skicka in ändringarna' }).count()).toBe(0));
      await expectNoSeriousAxe(page, 'application (closed, sv)');
      await screenshot(page, 'sv-04-refused-after-deadline');
      const stored = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(stored.body).toMatchObject({ title: 'Nätverksprojekt i Egentliga Finland', submittedVersion: 1 });
    } finally {
      await screenshot(page, `last-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-')}`);
      await context.close();
    }
  });

  it('refuses a submit after the deadline with CALL_CLOSED said plainly, in Finnish', async () => {
    const w = await world();
    const call = await openCall(10 * 60_000);
    const applicationId = await completeDraft(w.token, call.id, 'Myöhästynyt hakemus');
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await signIn(page, w.email);
      await page.goto(`/applications/${applicationId}`);
      await page.getByRole('heading', { level: 1, name: 'Myöhästynyt hakemus' }).waitFor();
      const closesAt = await closeSoon(call.id);
      await page.waitForTimeout(closesAt.getTime() - Date.now() + 500);
      await page.getByRole('button', { name: 'Lähetä hakemus' }).click();
      await page.getByText(/Haku päättyi .* \(Suomen aikaa\)\. Hakemusta ei voi enää lähettää, muuttaa eikä perua\./).waitFor();
      await page.getByText('Hakemusta ei lähetetty ennen määräaikaa, joten sitä ei käsitellä.').waitFor();
      await expectNoSeriousAxe(page, 'application (closed)');
      await screenshot(page, 'fi-10-refused-after-deadline');
      const stored = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(stored.body.status).toBe('draft');
    } finally {
      await screenshot(page, `last-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-')}`);
      await context.close();
    }
  });

  it('says when the draft changed elsewhere (VERSION_CONFLICT) and reloads it on request', async () => {
    const w = await world();
    const call = await openCall(60 * 60_000);
    const applicationId = await completeDraft(w.token, call.id, 'Alkuperäinen nimi');
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await signIn(page, w.email);
      await page.goto(`/applications/${applicationId}`);
      await page.getByRole('heading', { level: 1, name: 'Alkuperäinen nimi' }).waitFor();
      await api
        .http()
        .patch(`/api/applications/${applicationId}`)
        .set('authorization', `Bearer ${w.token}`)
        .send({ version: 1, title: 'Toisen käyttäjän nimi' })
        .expect(200);
      await page.getByLabel('Tiivistelmä').fill('Muutos tässä ikkunassa.');
      await page.getByRole('alert').filter({ hasText: 'Hakemusta on muutettu muualla' }).waitFor();
      await expectNoSeriousAxe(page, 'application (version conflict)');
      await screenshot(page, 'fi-11-version-conflict');
      await page.getByRole('button', { name: 'Lataa hakemus uudelleen' }).click();
      await eventually(async () => expect(await page.getByLabel('Hankkeen nimi').inputValue()).toBe('Toisen käyttäjän nimi'));
      const stored = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(stored.body.summary).toBe('Alueellinen verkostohanke.');
    } finally {
      await screenshot(page, `last-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-')}`);
      await context.close();
    }
  });

  it('completes the submit with the keyboard alone', async () => {
    const w = await world();
    const call = await openCall(60 * 60_000);
    const applicationId = await completeDraft(w.token, call.id, 'Näppäimistöllä tehty hakemus');
    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await tabTo(page, (el) => el.id === 'email');
      await page.keyboard.type(w.email, { delay: 15 });
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD, { delay: 15 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Omat hakemukset' }).waitFor();

      await tabTo(page, (el) => el.textContent === 'Näppäimistöllä tehty hakemus');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Näppäimistöllä tehty hakemus' }).waitFor();
      await focused(page.getByRole('heading', { level: 1 }));

      await tabTo(page, (el) => el.id === 'summary');
      await page.keyboard.press('End');
      await page.keyboard.type(' Muokattu näppäimistöllä.', { delay: 15 });
      await tabTo(page, (el) => el.getAttribute('type') === 'submit');
      await page.keyboard.press('Enter');
      const receipt = page.getByRole('heading', { name: 'Hakemus on lähetetty' });
      await receipt.waitFor();
      await focused(receipt);
      expect(await page.evaluate(() => location.pathname)).toBe(`/applications/${applicationId}`);
      const stored = await api.http().get(`/api/applications/${applicationId}`).set('authorization', `Bearer ${w.token}`).expect(200);
      expect(stored.body).toMatchObject({ status: 'submitted', summary: 'Alueellinen verkostohanke. Muokattu näppäimistöllä.' });
    } finally {
      await screenshot(page, `last-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-')}`);
      await context.close();
    }
  });
});
