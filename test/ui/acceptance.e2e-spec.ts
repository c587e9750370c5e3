/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, login } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';
import { axe, newContext, plain, screenshot, serveUi, signInFi, stopUi, UiServer } from './browser';

/**
 * Accepting, refusing and the reserve in real Chromium against the built UI, the real API and the
 * real worker: the applicant of one funded grant refuses it with a reason; the officer opens the
 * reserve page and funds the first reserve application, while a colleague's page, opened before,
 * is refused with CAP_REACHED in words for the second; the decisions page shows the grant statuses;
 * another applicant accepts. Axe on every page visited.
 */
jest.setTimeout(180_000);

const PASSWORD = 'vastaanotto-password-1';
const SHOTS = '/tmp/shots-accept';

let ui: UiServer | undefined;
let api: TestApi;
let base: string;
let browser: Browser;
let worker: INestApplicationContext | undefined;
let admin: string;
let people = 0;

async function person(organizationId: string, name: string, roles: string[]): Promise<{ id: string; email: string; token: string }> {
  const email = `${roles.join('-')}-${(people += 1)}-${process.pid}@avustus.test`;
  const res = await api
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ email, name, password: PASSWORD, roles, organizationId });
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return { id: res.body.id as string, email, token: await login(api, email, PASSWORD) };
}

const newPage = (locale = 'fi-FI') => newContext(browser, base, locale);
const signIn = (page: Page, email: string) => signInFi(page, email, PASSWORD);

async function expectNoSeriousAxe(page: Page, name: string) {
  expect(await axe(page, name)).toEqual([]);
}

/** The helper's screenshot under test-output, and a copy under /tmp/shots-decision to look at. */
async function shot(page: Page, name: string) {
  await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

interface Grant {
  id: string;
  email: string;
  title: string;
}

interface World {
  callId: string;
  refuser: Grant;
  accepter: Grant;
  reserveFirst: Grant;
  reserveSecond: Grant;
  officer: string;
  colleague: string;
}

/**
 * A call with room for two network projects: two funded (300 000 € each) and two rejected
 * (200 000 € each), published by the worker with their documents.
 */
async function decidedCall(): Promise<World> {
  const okm = await createOrg(api, admin, { name: 'Opetus- ja kulttuuriministeriö', kind: 'authority' });
  const officer = await person(okm.id, 'Virve Virkailija', ['admin']);
  const colleague = await person(okm.id, 'Ville Virkailija', ['admin']);
  const call = await openCall(api, admin, 6_000, {
    acceptanceDays: 14,
    caseNumberPrefix: 'OKM/2018/',
    categories: [
      { key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 2 },
      { key: 'coordination', title: 'Verkostohankkeiden koordinaatio', maxFunded: 1 },
    ],
  });
  const applicant = async (org: string, municipality: string, title: string, requestedAmount: number): Promise<Grant> => {
    const o = await createOrg(api, admin, { name: org, municipality, language: 'fi' });
    const user = await person(o.id, `Hakija ${municipality}`, ['applicant']);
    const res = await api
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set('authorization', `Bearer ${user.token}`)
      .send(applicationBody({ title, requestedAmount, budget: [{ item: 'Henkilöstökulut', amount: requestedAmount + 10_000_000 }] }))
      .expect(201);
    await api.http().post(`/api/applications/${res.body.id}/submit`).set('authorization', `Bearer ${user.token}`).expect(200);
    return { id: res.body.id as string, email: user.email, title };
  };
  const refuser = await applicant('Turun kaupunki', 'Turku', 'Kumppanuudet Varsinais-Suomessa', 30_000_000);
  const accepter = await applicant('Tampereen seudun ammattiopisto', 'Tampere', 'Asiakkuudet Pirkanmaalla', 30_000_000);
  const reserveFirst = await applicant('Oulun seudun koulutuskuntayhtymä', 'Oulu', 'Osaamisperusteisuus Pohjois-Pohjanmaalla', 20_000_000);
  const reserveSecond = await applicant('Savon koulutuskuntayhtymä', 'Kuopio', 'Johtaminen Pohjois-Savossa', 20_000_000);
  await waitFor(
    'the applications in review',
    async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM applications WHERE call_id = $1 AND status = 'in_review'`, [call.id]))[0].n === 4,
    30_000,
  );
  const as = (url: string, body: object) => api.http().post(url).set('authorization', `Bearer ${admin}`).send(body);
  for (const g of [refuser, accepter]) {
    await as(`/api/applications/${g.id}/decision`, { outcome: 'funded', grantedAmount: 30_000_000, rationale: 'Vahva verkosto.' }).expect(
      200,
    );
  }
  for (const g of [reserveFirst, reserveSecond]) {
    await as(`/api/applications/${g.id}/decision`, { outcome: 'rejected', rationale: 'Enimmäismäärä täynnä.' }).expect(200);
  }
  await as(`/api/calls/${call.id}/decisions/publish`, {}).expect(200);
  await waitFor(
    'the decision documents',
    async () => (await api.db.query('SELECT count(*)::int AS n FROM decision_documents WHERE call_id = $1', [call.id]))[0].n === 4,
    30_000,
  );
  return { callId: call.id, refuser, accepter, reserveFirst, reserveSecond, officer: officer.email, colleague: colleague.email };
}

let world: World;

beforeAll(async () => {
  ui = await serveUi();
  ({ api, base, browser } = ui);
  await resetDatabase(api);
  worker = await startTestWorker();
  admin = await adminToken(api);
  world = await decidedCall();
}, 150_000);

afterAll(async () => {
  await worker?.close();
  await stopUi(ui);
});

async function openApplication(page: Page, grant: Grant) {
  await signIn(page, grant.email);
  await page.getByRole('link', { name: new RegExp(grant.title) }).click();
  await page.getByRole('heading', { level: 1, name: grant.title }).waitFor();
  return page.getByRole('region', { name: 'Päätös' });
}

async function openReserve(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL(/\/officer$/);
  await page.getByRole('link', { name: /Osaamisperusteisuuden/ }).click();
  await page.getByRole('heading', { level: 1, name: /Hakemukset/ }).waitFor();
  await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Varasija' }).click();
  await page.waitForURL(new RegExp(`/officer/calls/${world.callId}/reserve$`));
  await page.getByRole('heading', { level: 1, name: /Varasija/ }).waitFor();
}

describe('accepting, refusing and the reserve in the browser', () => {
  it('lets the applicant of a funded grant refuse it with a reason, after a confirmation', async () => {
    const { context, page } = await newPage();
    try {
      const section = await openApplication(page, world.refuser);
      expect(plain(await section.getByTestId('grant-days-left').innerText())).toMatch(
        /^Vastausaikaa on jäljellä 1[34] päivää \(määräaika .* klo 24\.00\)\.$/,
      );
      await expectNoSeriousAxe(page, 'applicant grant pending');
      await shot(page, 'fi-accept-01-applicant-pending');
      await section.getByRole('button', { name: 'En ota avustusta vastaan' }).click();
      const dialog = section.getByRole('alertdialog');
      await dialog.getByText(/Kieltäydytäänkö avustuksesta 300\s000,00/).waitFor();
      await dialog.getByRole('button', { name: 'Kyllä, en ota avustusta vastaan' }).click();
      await dialog.getByText('Kirjoita syy, miksi ette ota avustusta vastaan.').waitFor();
      await dialog.getByLabel('Kieltäytymisen syy').fill('Hankkeen keskeiset kumppanit vetäytyivät.');
      await expectNoSeriousAxe(page, 'applicant grant refusing');
      await shot(page, 'fi-accept-02-applicant-refuse-confirm');
      await dialog.getByRole('button', { name: 'Kyllä, en ota avustusta vastaan' }).click();
      const state = section.getByTestId('grant-state');
      await state.getByText(/^Avustuksesta on kieltäydytty /).waitFor();
      await state.getByText('Hankkeen keskeiset kumppanit vetäytyivät.').waitFor();
      expect(await section.getByRole('button', { name: /avustu(s|ksen|sta) vastaan$/ }).count()).toBe(0);
      await expectNoSeriousAxe(page, 'applicant grant refused');
      await shot(page, 'fi-accept-03-applicant-refused');
      const [d] = await api.db.query('SELECT grant_status, refusal_reason FROM decisions WHERE application_id = $1', [world.refuser.id]);
      expect(d).toEqual({ grant_status: 'refused', refusal_reason: 'Hankkeen keskeiset kumppanit vetäytyivät.' });
    } finally {
      await context.close();
    }
  });

  it('lets the officer fund the reserve; a colleague funding the second for the same slot sees CAP_REACHED in words', async () => {
    const one = await newPage();
    const two = await newPage();
    try {
      await openReserve(two.page, world.colleague);
      await openReserve(one.page, world.officer);
      const { page } = one;
      const room = page.getByTestId('reserve-room');
      await room.getByText('Alueellinen verkostohanke: 1 vapaa paikka (enintään 2 rahoitettua)').waitFor();
      await room.getByText(/^Määrärahaa jäljellä 3\s700\s000,00\s€/).waitFor();
      const table = page.getByRole('table', { name: 'Varasijalista paremmuusjärjestyksessä' });
      const first = table.getByRole('row', { name: new RegExp(world.reserveFirst.title) });
      await first.getByRole('cell', { name: 'Oulun seudun koulutuskuntayhtymä' }).waitFor();
      await first.getByText(/^200\s000,00\s€$/).waitFor();
      await table.getByRole('row', { name: new RegExp(world.reserveSecond.title) }).waitFor();
      await expectNoSeriousAxe(page, 'officer reserve');
      await shot(page, 'fi-accept-04-officer-reserve');
      await first.getByRole('button', { name: `Myönnä avustus varasijalta: ${world.reserveFirst.title}` }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText(/Myönnetäänkö varasijalta avustus 200\s000,00/).waitFor();
      await expectNoSeriousAxe(page, 'officer reserve confirm');
      await shot(page, 'fi-accept-05-officer-reserve-confirm');
      await dialog.getByRole('button', { name: 'Kyllä, myönnä avustus' }).click();
      await page
        .getByRole('status')
        .getByText(/Avustus 200\s000,00\s€ myönnetty varasijalta/)
        .waitFor();
      await room.getByText('Alueellinen verkostohanke: 0 vapaata paikkaa (enintään 2 rahoitettua)').waitFor();
      await page.getByText(/Varasijalla ei ole hakemuksia/).waitFor();
      await shot(page, 'fi-accept-06-officer-reserve-funded');

      // The colleague's page still lists the second application; the slot is gone.
      const other = two.page.getByRole('table').getByRole('row', { name: new RegExp(world.reserveSecond.title) });
      await other.getByRole('button', { name: /^Myönnä avustus varasijalta/ }).click();
      await two.page.getByRole('alertdialog').getByRole('button', { name: 'Kyllä, myönnä avustus' }).click();
      await other
        .getByRole('alert')
        .getByText('Ei voi myöntää: kohteessa ”Alueellinen verkostohanke” ei ole enää vapaata paikkaa', { exact: false })
        .waitFor();
      await expectNoSeriousAxe(two.page, 'officer reserve cap reached');
      await shot(two.page, 'fi-accept-07-officer-reserve-cap-reached');
      const [second] = await api.db.query('SELECT outcome FROM decisions WHERE application_id = $1', [world.reserveSecond.id]);
      expect(second.outcome).toBe('rejected');

      await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Päätökset' }).click();
      await page.getByRole('heading', { level: 1, name: /Päätökset/ }).waitFor();
      const card = (title: string) => page.getByRole('listitem').filter({ hasText: title });
      await card(world.refuser.title)
        .getByText(/Hylätty hakijan toimesta.*syy: Hankkeen keskeiset kumppanit vetäytyivät\./)
        .waitFor();
      await card(world.accepter.title)
        .getByText(/^Odottaa hakijan vastausta · vastausaika päättyy/)
        .waitFor();
      await card(world.reserveFirst.title)
        .getByText(/^Odottaa hakijan vastausta/)
        .waitFor();
      await expectNoSeriousAxe(page, 'officer decisions with grant status');
      await shot(page, 'fi-accept-08-officer-decisions');
    } finally {
      await one.context.close();
      await two.context.close();
    }
  });

  it('lets another applicant accept the grant, after a confirmation', async () => {
    const { context, page } = await newPage();
    try {
      const section = await openApplication(page, world.accepter);
      await section.getByRole('button', { name: 'Otan avustuksen vastaan' }).click();
      const dialog = section.getByRole('alertdialog');
      await dialog.getByText(/Otetaanko avustus 300\s000,00/).waitFor();
      await dialog.getByRole('button', { name: 'Kyllä, otan avustuksen vastaan' }).click();
      await section
        .getByTestId('grant-state')
        .getByText(/^Avustus on otettu vastaan /)
        .waitFor();
      expect(await section.getByRole('button', { name: 'Otan avustuksen vastaan' }).count()).toBe(0);
      await expectNoSeriousAxe(page, 'applicant grant accepted');
      await shot(page, 'fi-accept-09-applicant-accepted');
      const [d] = await api.db.query('SELECT grant_status, accepted_by_silence FROM decisions WHERE application_id = $1', [
        world.accepter.id,
      ]);
      expect(d).toEqual({ grant_status: 'accepted', accepted_by_silence: false });
    } finally {
      await context.close();
    }
  });
});
