import ExcelJS from 'exceljs';
/// <reference lib="dom" />
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { DecisionPublishingService } from '../../src/funding/decision-publishing.service';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, UserFixture } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { axe, eventually, screenshot, SCREENSHOTS, serveUi, stopUi, UiServer } from './browser';

/**
 * The coordinator's path in real Chromium against the built UI and the real API: a call's funded
 * network projects, one with a submitted interim report and practices published; the coordinator
 * signs in and lands on the call's overview, sends an announcement to every project, opens a
 * project, reads the report and accepts it, and finds the Turku practice by searching
 * "kumppanuus" (which the Finnish full-text search matches to "kumppanuuksien"). Axe on every page.
 */
jest.setTimeout(180_000);

const PASSWORD = 'password-123';
/** Where the brief wants the pages' screenshots, besides test-output/screenshots. */
const SHOTS = process.env.COORDINATOR_SHOTS ?? '/tmp/shots-coordinator';

let ui: UiServer | undefined;
let api: TestApi;
let admin: string;

const as = (token: string) => ({
  get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
  post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
});

async function newPage(locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await (ui as UiServer).browser.newContext({
    baseURL: (ui as UiServer).base,
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

const FINNISH = { email: 'Sähköpostiosoite', password: 'Salasana', submit: 'Kirjaudu sisään', signOut: 'Kirjaudu ulos' };
const SWEDISH = { email: 'E-postadress', password: 'Lösenord', submit: 'Logga in', signOut: 'Logga ut' };

async function signIn(page: Page, email: string, labels = FINNISH) {
  await page.goto('/');
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByRole('button', { name: labels.signOut }).waitFor();
}

/** A cell's text with the no-break spaces of Finnish numbers as plain spaces. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

async function expectNoSeriousAxe(page: Page, name: string) {
  expect(await axe(page, name)).toEqual([]);
}

async function shot(page: Page, name: string) {
  await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(join(SCREENSHOTS, `${name}.png`), join(SHOTS, `${name}.png`));
}

const TURKU_PRACTICE = {
  title: 'Työelämäkumppanuuksien kehittäminen eri tasoilla',
  partnershipLevel: 'strategic',
  needs:
    'Tavoitteena oli luoda mallia työelämäyhteistyölle, jossa tunnistetaan eritasoiset työelämän tarpeet ja vastataan niihin erilaisilla kumppanuuksilla.',
  solution: 'Henkilöstöstä ja sidosryhmistä koottiin työpajoja: arjen kumppanuus, kehittämiskumppanuus ja strateginen kumppanuus.',
  results: 'Strategisessa kumppanuudessa työpaikka ja oppilaitos miettivät yhdessä työpaikan kehittämis- ja tulevaisuustarpeita.',
  status: 'completed',
  contacts: [{ name: 'Päivi Lehtinen', title: 'rehtori', email: 'paivi.lehtinen@turku.fi' }],
};

interface World {
  callId: string;
  coordinator: UserFixture;
  turku: { org: OrgFixture; user: UserFixture; projectId: string };
  lappi: { org: OrgFixture; user: UserFixture; projectId: string };
}

/**
 * A 2018-style call decided and published: three regional network projects (Turku with the city
 * as a member) and the coordination project of Koulutuskeskus Salpaus, whose coordinator follows
 * them. Turku has submitted its interim report and published a practice; Lappi a practice too;
 * Pirkanmaa's interim report is overdue.
 */
async function decidedCall(coordinatorLanguage = 'fi'): Promise<World> {
  const city = await createOrg(api, admin, { name: 'Turun kaupunki', kind: 'municipality', municipality: 'Turku' });
  const salpaus = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus', municipality: 'Lahti', language: coordinatorLanguage });
  const coordinatorApplicant = await createUser(api, admin, salpaus.id, ['applicant']);
  const coordinator = await createUser(api, admin, salpaus.id, ['coordinator']);
  const leads: { org: OrgFixture; user: UserFixture }[] = [];
  for (const [name, municipality] of [
    ['Turun ammatti-instituutti', 'Turku'],
    ['Ammattiopisto Lappia', 'Tornio'],
    ['Tampereen seudun ammattiopisto Tredu', 'Tampere'],
  ]) {
    const org = await createOrg(api, admin, { name, municipality });
    leads.push({ org, user: await createUser(api, admin, org.id, ['applicant']) });
  }
  const call = await openCall(api, admin, 60 * 60_000, {
    reportsDue: [
      { type: 'interim', dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      { type: 'final', dueAt: new Date(Date.now() + 730 * 86_400_000).toISOString() },
    ],
  });
  const submitters = [
    ...leads.map((l, i) => ({
      user: l.user,
      category: 'network_project',
      title: ['Kumppanuuksien johtaminen Varsinais-Suomessa', 'Lapin työelämäkumppanuudet', 'Pirkanmaan asiakkuudet'][i],
      members: i === 0 ? [city.id] : [],
    })),
    { user: coordinatorApplicant, category: 'coordination', title: 'Verkostohankkeiden koordinaatio', members: [] },
  ];
  const amounts = [45_000_000, 38_250_050, 41_000_000, 30_000_000];
  const applicationIds: string[] = [];
  for (const s of submitters) {
    const res = await as(s.user.token)
      .post(
        `/api/calls/${call.id}/applications`,
        applicationBody({
          category: s.category,
          title: s.title,
          requestedAmount: 50_000_000,
          selfFinancingAmount: 10_000_000,
          budget: [{ item: 'Henkilöstökulut', amount: 60_000_000 }],
          memberOrganizationIds: s.members,
        }),
      )
      .expect(201);
    await as(s.user.token).post(`/api/applications/${res.body.id}/submit`).expect(200);
    applicationIds.push(res.body.id as string);
  }
  // What the closing job does (the API process runs no worker).
  await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now() WHERE id = $1`, [call.id]);
  await api.db.query(`UPDATE applications SET status = 'in_review' WHERE call_id = $1 AND status = 'submitted'`, [call.id]);
  for (const [i, id] of applicationIds.entries())
    await as(admin)
      .post(`/api/applications/${id}/decision`, {
        outcome: 'funded',
        grantedAmount: amounts[i],
        rationale: 'Rahoitetaan.',
      })
      .expect(200);
  await as(admin).post(`/api/calls/${call.id}/decisions/publish`).expect(200);
  // What the publishing job does in the worker (which this process does not run): the funded
  // applications become network projects owing the call's reports.
  expect(await new DecisionPublishingService(api.db, api.app.get(JobScheduler)).apply(call.id)).toBe('done');
  const projects = (await as(admin).get(`/api/network-projects?callId=${call.id}`).expect(200)).body as {
    id: string;
    leadOrganizationId: string;
  }[];
  const projectOf = (org: OrgFixture) => (projects.find((p) => p.leadOrganizationId === org.id) as { id: string }).id;
  const [turku, lappi, tredu] = leads.map((l) => ({ ...l, projectId: projectOf(l.org) }));

  await as(turku.user.token)
    .post(`/api/network-projects/${turku.projectId}/reports/interim`, {
      content: {
        summary: 'Hanke eteni suunnitellusti: kumppanuusmalli otettiin käyttöön kolmella alalla.',
        results: 'Kolme toimintamallia pilotoitu, 42 työpaikkaohjaajaa koulutettu.',
      },
    })
    .expect(200);
  await as(turku.user.token).post(`/api/network-projects/${turku.projectId}/practices`, TURKU_PRACTICE).expect(201);
  await as(lappi.user.token)
    .post(`/api/network-projects/${lappi.projectId}/practices`, {
      ...TURKU_PRACTICE,
      title: 'Opiskelijapalaute työpaikalla',
      partnershipLevel: 'everyday',
      needs: 'Palaute työpaikalla oppimisesta jäi saamatta.',
      solution: 'Lyhyt mobiilikysely jokaisen jakson jälkeen.',
      results: 'Ohjaus parani, vastausprosentti 81.',
      status: 'in_progress',
      contacts: [],
    })
    .expect(201);
  // What the overdue job does when a due date passes.
  await api.db.query(
    `UPDATE project_reports SET due_at = now() - interval '2 days', status = 'overdue' WHERE type = 'interim' AND project_id = $1`,
    [tredu.projectId],
  );
  return { callId: call.id, coordinator, turku, lappi };
}

beforeAll(async () => {
  ui = await serveUi();
  api = ui.api;
});

afterAll(() => stopUi(ui));

beforeEach(async () => {
  await resetDatabase(api);
  admin = await adminToken(api);
});

describe('the coordinator in the browser', () => {
  it('follows the call’s projects, announces to all, accepts a report and finds a practice by searching “kumppanuus”', async () => {
    const world = await decidedCall();
    const { context, page } = await newPage();
    try {
      await signIn(page, world.coordinator.email);
      await page.waitForURL(/\/coordination$/);
      await page.getByRole('heading', { level: 1, name: 'Verkostohankkeiden koordinointi' }).waitFor();
      await page.getByRole('link', { name: /Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen/ }).waitFor();
      await page.getByText('4 hanketta · Myönnetty: 1 542 500,50 €').waitFor();
      const table = page.getByRole('table', { name: 'Haun verkostohankkeet' });
      await table.getByRole('row', { name: /Kumppanuuksien johtaminen Varsinais-Suomessa/ }).waitFor();
      expect(await table.locator('tbody tr').count()).toBe(4);
      const turkuRow = table.getByRole('row', { name: /Kumppanuuksien johtaminen Varsinais-Suomessa/ });
      expect((await turkuRow.locator('td').allInnerTexts()).map(plain)).toEqual([
        'Turun ammatti-instituutti',
        '2',
        '1',
        '1',
        '0',
        '1',
        '450 000,00 €',
      ]);
      await turkuRow.getByText('Alueellinen verkostohanke').waitFor();
      const treduRow = table.getByRole('row', { name: /Pirkanmaan asiakkuudet/ });
      expect(plain(await treduRow.locator('td').nth(4).innerText())).toBe('1');
      const totals = (await table.locator('tfoot td').allInnerTexts()).map(plain);
      expect(totals).toEqual(['5', '6', '1', '1', '2', '1 542 500,50 €']);
      const figures = page.getByRole('list', { name: 'Haun luvut yhteensä' });
      await figures.getByText('raporttia myöhässä').waitFor();
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Lataa yleiskatsaus (CSV)' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe(`koordinointi-${world.callId}.csv`);
      const csvText = readFileSync(await csv.path(), 'utf8');
      expect(csvText).toContain('Kumppanuuksien johtaminen Varsinais-Suomessa');
      expect(csvText).toContain('450000,00');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Lataa yleiskatsaus (XLSX)' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`koordinointi-${world.callId}.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await xlsx.path());
      const cells = book.worksheets[0].getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
      expect(cells).toContain('Kumppanuuksien johtaminen Varsinais-Suomessa');
      expect(cells).toContain(450000); // a number, not text
      await expectNoSeriousAxe(page, 'coordinator overview');
      await shot(page, 'fi-coordinator-01-overview');

      // An announcement: an empty one is refused beside its fields, a written one reaches every organisation.
      await page.getByRole('button', { name: 'Lähetä tiedote' }).click();
      await page.getByText('Kirjoita tiedotteelle otsikko.').waitFor();
      await page.getByText('Kirjoita tiedotteen viesti.').waitFor();
      expect(await page.getByLabel('Otsikko').getAttribute('aria-invalid')).toBe('true');
      await expectNoSeriousAxe(page, 'coordinator announcement (errors)');
      await page.getByLabel('Otsikko').fill('Verkostotapaaminen 12.3.');
      await page.getByLabel('Viesti').fill('Tervetuloa verkostotapaamiseen Lahteen 12.3. klo 10.');
      await page.getByRole('button', { name: 'Lähetä tiedote' }).click();
      await page.getByText('Tiedote ”Verkostotapaaminen 12.3.” lähetettiin 5 organisaatiolle.').waitFor();
      const sent = await api.db.query('SELECT subject, recipients FROM announcements WHERE call_id = $1', [world.callId]);
      expect(sent).toEqual([{ subject: 'Verkostotapaaminen 12.3.', recipients: 5 }]);
      const cityNotes = await as(world.turku.user.token).get('/api/notifications').expect(200);
      expect(cityNotes.body.map((n: { kind: string }) => n.kind)).toContain('announcement');
      await expectNoSeriousAxe(page, 'coordinator announcement (sent)');
      await shot(page, 'fi-coordinator-02-announcement');

      // The project page: members, reports with their state and due date, practices.
      await table.getByRole('link', { name: 'Kumppanuuksien johtaminen Varsinais-Suomessa' }).click();
      await page.getByRole('heading', { level: 1, name: /Verkostohanke\s+Kumppanuuksien johtaminen Varsinais-Suomessa/ }).waitFor();
      const members = page.getByRole('table', { name: 'Jäsenet (2 organisaatiota)' });
      await members.getByRole('row', { name: /Turun ammatti-instituutti.*Päätoteuttaja/ }).waitFor();
      await members.getByRole('row', { name: /Turun kaupunki.*Osatoteuttaja/ }).waitFor();
      const reports = page.getByRole('table', { name: 'Raportit' });
      await reports.getByRole('row', { name: /Väliraportti.*Odottaa arviota/ }).waitFor();
      await reports.getByRole('row', { name: /Loppuraportti.*Odotetaan/ }).waitFor();
      await page.getByRole('table', { name: 'Hyvät käytännöt (1)' }).getByText('Strateginen kumppanuus').waitFor();
      await expectNoSeriousAxe(page, 'coordinator project');
      await shot(page, 'fi-coordinator-03-project');

      // The report: read it, a return without a comment is refused, then accept.
      await reports.getByRole('link', { name: 'Lue ja arvioi: Väliraportti' }).click();
      await page.getByRole('heading', { level: 1, name: /Väliraportti\s+Kumppanuuksien johtaminen/ }).waitFor();
      await page.getByText('Hanke eteni suunnitellusti: kumppanuusmalli otettiin käyttöön kolmella alalla.').waitFor();
      await page.getByText('Kolme toimintamallia pilotoitu, 42 työpaikkaohjaajaa koulutettu.').waitFor();
      await page.getByRole('button', { name: 'Palauta korjattavaksi' }).click();
      await page.getByText('Kirjoita kommentti: kerro hankkeelle, mitä raportista pitää korjata.').waitFor();
      await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id)).toBe('review-comment'));
      await expectNoSeriousAxe(page, 'coordinator report (comment missing)');
      await shot(page, 'fi-coordinator-04-report');
      await page.getByLabel('Kommentti hankkeelle').fill('Selkeä raportti, kiitos.');
      await page.getByRole('button', { name: 'Hyväksy raportti' }).click();
      await page.getByText('Raportti hyväksyttiin. Kommenttisi näkyy hankkeelle raportin yhteydessä.').waitFor();
      await page.getByText('Raportti on hyväksytty.').waitFor();
      const accepted = await as(admin).get(`/api/network-projects/${world.turku.projectId}/reports/interim`).expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', reviewComment: 'Selkeä raportti, kiitos.' });
      await expectNoSeriousAxe(page, 'coordinator report (accepted)');
      await shot(page, 'fi-coordinator-05-report-accepted');

      await page.getByRole('link', { name: 'Kumppanuuksien johtaminen Varsinais-Suomessa' }).click();
      await page
        .getByRole('table', { name: 'Raportit' })
        .getByRole('row', { name: /Väliraportti.*Hyväksytty/ })
        .waitFor();

      // The practice search, in Finnish, with its filters.
      await page.getByRole('navigation', { name: 'Koordinoinnin sivut' }).getByRole('link', { name: 'Hyvät käytännöt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hyvät käytännöt' }).waitFor();
      await page.getByText('2 hyvää käytäntöä').waitFor();
      await page.getByLabel('Hae hyviä käytäntöjä').fill('kumppanuus');
      await page.getByLabel('Hae hyviä käytäntöjä').press('Enter');
      await page.getByText('Haulla ”kumppanuus” löytyi 1 hyvä käytäntö').waitFor();
      const results = page.getByRole('article');
      await results.getByRole('heading', { name: 'Työelämäkumppanuuksien kehittäminen eri tasoilla' }).waitFor();
      expect(await results.count()).toBe(1);
      await results.getByText(/Turun ammatti-instituutti · Strateginen kumppanuus · Valmis/).waitFor();
      await results.getByRole('link', { name: 'paivi.lehtinen@turku.fi' }).waitFor();
      await expectNoSeriousAxe(page, 'coordinator practices (search)');
      await shot(page, 'fi-coordinator-06-practices');

      await page.getByLabel('Kumppanuuden taso').selectOption('everyday');
      await page.getByText('Haulla ”kumppanuus” löytyi 0 hyvää käytäntöä').waitFor();
      await page.getByRole('button', { name: 'Tyhjennä haku' }).click();
      await page.getByLabel('Kumppanuuden taso').selectOption('');
      await page.getByLabel('Organisaatio').selectOption({ label: 'Ammattiopisto Lappia' });
      await page.getByText('1 hyvä käytäntö', { exact: true }).waitFor();
      await results.getByRole('heading', { name: 'Opiskelijapalaute työpaikalla' }).waitFor();
      expect(await results.count()).toBe(1);
      await expectNoSeriousAxe(page, 'coordinator practices (organisation)');

      // A call that is not theirs (here: none at all) is said so, not as a network failure.
      await page.goto('/coordination/calls/00000000-0000-4000-8000-000000000000');
      await page.getByText('Tätä hakua ei ole, tai organisaatiosi ei koordinoi sen hankkeita.').waitFor();
      await expectNoSeriousAxe(page, 'coordinator overview (not their call)');
    } finally {
      await context.close();
    }
  });

  it('speaks Swedish to a coordinator whose organisation is Swedish-speaking, on the overview, a report and the practice search', async () => {
    const world = await decidedCall('sv');
    const { context, page } = await newPage('sv-FI');
    try {
      await signIn(page, world.coordinator.email, SWEDISH);
      await page.waitForURL(/\/coordination$/);
      await page.getByRole('heading', { level: 1, name: 'Koordinering av nätverksprojekt' }).waitFor();
      const table = page.getByRole('table', { name: 'Utlysningens nätverksprojekt' });
      await table.getByRole('row', { name: /Kumppanuuksien johtaminen Varsinais-Suomessa/ }).waitFor();
      await page.getByText('Totalt 4 projekt').waitFor();
      await page.getByText('4 projekt · Beviljat: 1 542 500,50 €').waitFor();
      await expectNoSeriousAxe(page, 'coordinator overview (sv)');
      await shot(page, 'sv-coordinator-01-overview');

      await table.getByRole('link', { name: 'Kumppanuuksien johtaminen Varsinais-Suomessa' }).click();
      await page.getByRole('table', { name: 'Rapporter' }).getByRole('link', { name: 'Läs och bedöm: Mellanrapport' }).click();
      await page.getByRole('button', { name: 'Returnera för komplettering' }).waitFor();
      await page.getByLabel('Kommentar till projektet').fill('Lägg till resultaten per bransch.');
      await page.getByRole('button', { name: 'Returnera för komplettering' }).click();
      await page.getByText('Rapporten returnerades för komplettering.', { exact: false }).waitFor();
      const returned = await as(admin).get(`/api/network-projects/${world.turku.projectId}/reports/interim`).expect(200);
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: 'Lägg till resultaten per bransch.' });
      await expectNoSeriousAxe(page, 'coordinator report (sv, returned)');
      await shot(page, 'sv-coordinator-02-report-returned');

      await page.getByRole('navigation', { name: 'Koordineringens sidor' }).getByRole('link', { name: 'God praxis' }).click();
      await page.getByLabel('Sök god praxis').fill('kumppanuus');
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page.getByText('Sökningen ”kumppanuus” gav 1 träff').waitFor();
      await page
        .getByRole('article')
        .getByText(/Strategiskt partnerskap · Färdig/)
        .waitFor();
      await expectNoSeriousAxe(page, 'coordinator practices (sv)');
      await shot(page, 'sv-coordinator-03-practices');
    } finally {
      await context.close();
    }
  });
});
