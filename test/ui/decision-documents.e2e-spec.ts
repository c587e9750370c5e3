/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, login } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';
import { axe, newContext, plain, screenshot, serveUi, signInFi, stopUi, UiServer } from './browser';

/**
 * Decision documents in real Chromium against the built UI, the real API and the real worker
 * (whose publish job issues the documents): the applicant of a funded application sees the
 * decision on the application's page — outcome, amount, case number, acceptance deadline — and
 * downloads the PDF and the HTML; the Swedish-speaking applicant of a rejected one sees it in
 * Swedish; the officer lists the call's documents with their hashes and downloads one. Axe on
 * every page visited.
 */
jest.setTimeout(180_000);

const PASSWORD = 'paatos-password-1';
const SHOTS = '/tmp/shots-decision';

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

/** The bytes of a download the page started with `click`. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const event = page.waitForEvent('download');
  await click();
  const download = await event;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** A day in Helsinki time as the UI writes it (`21.11.2018`). */
const helsinkiDay = (instant: Date) =>
  new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(instant);

interface World {
  callId: string;
  funded: { id: string; email: string; title: string };
  rejected: { id: string; email: string; title: string };
  officer: string;
}

/**
 * A 2018-style call closed by the worker, one network project from Turku funded (250 000 €, 21 days
 * to accept, case numbers OKM/2018/…) and one from a Swedish-speaking provider rejected; the
 * decisions published and their documents issued by the worker's publish job.
 */
async function decidedCall(): Promise<World> {
  const okm = await createOrg(api, admin, { name: 'Opetus- ja kulttuuriministeriö', kind: 'authority' });
  const officer = await person(okm.id, 'Virve Virkailija', ['admin']);
  const turku = await createOrg(api, admin, { name: 'Turun kaupunki, Turun ammatti-instituutti', municipality: 'Turku', language: 'fi' });
  const vasa = await createOrg(api, admin, { name: 'Yrkesakademin i Österbotten', municipality: 'Vasa', language: 'sv' });
  const turkuUser = await person(turku.id, 'Päivi Lehtinen', ['applicant']);
  const vasaUser = await person(vasa.id, 'Sara Sökande', ['applicant']);
  const call = await openCall(api, admin, 6_000, { acceptanceDays: 21, caseNumberPrefix: 'OKM/2018/' });
  const submit = async (token: string, body: Record<string, unknown>) => {
    const res = await api
      .http()
      .post(`/api/calls/${call.id}/applications`)
      .set('authorization', `Bearer ${token}`)
      .send(applicationBody(body))
      .expect(201);
    await api.http().post(`/api/applications/${res.body.id}/submit`).set('authorization', `Bearer ${token}`).expect(200);
    return res.body.id as string;
  };
  const fundedTitle = 'Kumppanuuksien johtaminen Varsinais-Suomessa';
  const rejectedTitle = 'Ledning av partnerskap i Österbotten';
  const fundedId = await submit(turkuUser.token, {
    title: fundedTitle,
    requestedAmount: 30_000_000,
    budget: [{ item: 'Henkilöstökulut', amount: 40_000_000 }],
  });
  const rejectedId = await submit(vasaUser.token, {
    title: rejectedTitle,
    requestedAmount: 20_000_000,
    budget: [{ item: 'Personalkostnader', amount: 30_000_000 }],
  });
  await waitFor(
    'the worker to close the call',
    async () => (await api.db.query(`SELECT closed_at FROM calls WHERE id = $1`, [call.id]))[0].closed_at,
    20_000,
  );
  await waitFor(
    'the applications in review',
    async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM applications WHERE call_id = $1 AND status = 'in_review'`, [call.id]))[0].n === 2,
    10_000,
  );
  const as = (url: string, body: object) => api.http().post(url).set('authorization', `Bearer ${admin}`).send(body);
  await as(`/api/applications/${fundedId}/decision`, {
    outcome: 'funded',
    grantedAmount: 25_000_000,
    rationale: { fi: 'Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.', sv: 'Ett starkt regionalt nätverk.' },
    conditions: { fi: 'Hankkeen on osallistuttava koordinaatiohankkeen verkostotapaamisiin.' },
  }).expect(200);
  await as(`/api/applications/${rejectedId}/decision`, {
    outcome: 'rejected',
    rationale: { fi: 'Muita hakemuksia heikompi verkosto.', sv: 'Ett svagare nätverk än i de andra ansökningarna.' },
  }).expect(200);
  await as(`/api/calls/${call.id}/decisions/publish`, {}).expect(200);
  await waitFor(
    'the decision documents',
    async () => (await api.db.query('SELECT count(*)::int AS n FROM decision_documents WHERE call_id = $1', [call.id]))[0].n === 2,
    20_000,
  );
  return {
    callId: call.id,
    funded: { id: fundedId, email: turkuUser.email, title: fundedTitle },
    rejected: { id: rejectedId, email: vasaUser.email, title: rejectedTitle },
    officer: officer.email,
  };
}

let world: World;

beforeAll(async () => {
  ui = await serveUi();
  ({ api, base, browser } = ui);
  await resetDatabase(api);
  worker = await startTestWorker();
  admin = await adminToken(api);
  world = await decidedCall();
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await stopUi(ui);
});

describe('decision documents in the browser', () => {
  it('shows the applicant of a funded application the decision, the acceptance deadline, and downloads the PDF and the HTML', async () => {
    const [decision] = await api.db.query('SELECT case_number, acceptance_due_at FROM decisions WHERE application_id = $1', [
      world.funded.id,
    ]);
    expect(decision.case_number).toBe('OKM/2018/001');
    // The deadline is the end of a day: the first instant after it is midnight, shown as that day's 24.00.
    const lastDay = helsinkiDay(new Date(new Date(decision.acceptance_due_at).getTime() - 60_000));
    const { context, page } = await newPage();
    try {
      await signIn(page, world.funded.email);
      await page.getByRole('link', { name: new RegExp(world.funded.title) }).click();
      await page.getByRole('heading', { level: 1, name: world.funded.title }).waitFor();
      const section = page.getByRole('region', { name: 'Päätös' });
      await section.getByRole('heading', { level: 2, name: 'Päätös' }).waitFor();
      expect(await section.getByTestId('decision-outcome').innerText()).toBe('Avustus myönnetty');
      expect(plain(await section.getByTestId('decision-granted').innerText())).toBe('250 000,00 €');
      await section.getByText('OKM/2018/001').waitFor();
      expect(plain(await section.getByTestId('decision-accept-by').innerText())).toBe(`${plain(lastDay)} klo 24.00 (Suomen aikaa)`);
      await section.getByText('Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.').waitFor();
      await section.getByText('Hankkeen on osallistuttava koordinaatiohankkeen verkostotapaamisiin.').waitFor();
      await section.getByText(/Päätösasiakirja, versio 1, suomeksi, laadittu/).waitFor();
      await expectNoSeriousAxe(page, 'applicant application (decided, funded)');
      await shot(page, 'fi-decision-01-applicant-funded');

      const pdf = await downloaded(page, () => section.getByRole('button', { name: /^Lataa PDF: Päätösasiakirja, versio 1/ }).click());
      expect(pdf.name).toBe('OKM_2018_001-v1-fi.pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const html = await downloaded(page, () =>
        section.getByRole('button', { name: /^Lataa HTML-versio: Päätösasiakirja, versio 1/ }).click(),
      );
      expect(html.name).toBe('OKM_2018_001-v1-fi.html');
      expect(html.bytes.toString('utf8')).toContain('OKM/2018/001');
      // The downloads are the stored documents, byte for byte.
      const list = await api.db.query('SELECT sha256, html_sha256 FROM decision_documents WHERE application_id = $1', [world.funded.id]);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(list[0].sha256);
      expect(createHash('sha256').update(html.bytes).digest('hex')).toBe(list[0].html_sha256);
      const reads = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'decision_document.read'`);
      expect(reads[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await context.close();
    }
  });

  it('shows the Swedish-speaking applicant of a rejected application the decision in Swedish, with no acceptance deadline', async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, world.rejected.email);
      await page.getByRole('link', { name: new RegExp(world.rejected.title) }).click();
      await page.getByRole('heading', { level: 1, name: world.rejected.title }).waitFor();
      const section = page.getByRole('region', { name: 'Beslut' });
      expect(await section.getByTestId('decision-outcome').innerText()).toBe('Understöd har inte beviljats');
      await section.getByText('OKM/2018/002').waitFor();
      await section.getByText('Ett svagare nätverk än i de andra ansökningarna.').waitFor();
      expect(await section.getByTestId('decision-accept-by').count()).toBe(0);
      expect(await section.getByTestId('decision-granted').count()).toBe(0);
      await section.getByText(/Beslutsdokument, version 1, på svenska/).waitFor();
      await expectNoSeriousAxe(page, 'applicant application (decided, rejected, sv)');
      await shot(page, 'sv-decision-02-applicant-rejected');
      const pdf = await downloaded(page, () => section.getByRole('button', { name: /^Ladda ned PDF/ }).click());
      expect(pdf.name).toBe('OKM_2018_002-v1-sv.pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });

  it('lists the call’s documents for the officer with application, organisation, case number, language, version and hash, and downloads one', async () => {
    const docs = (await api.http().get(`/api/calls/${world.callId}/decision-documents`).set('authorization', `Bearer ${admin}`).expect(200))
      .body as { caseNumber: string; sha256: string }[];
    const { context, page } = await newPage();
    try {
      await signIn(page, world.officer);
      await page.waitForURL(/\/officer$/);
      await page.getByRole('link', { name: /Osaamisperusteisuuden/ }).click();
      await page.getByRole('heading', { level: 1, name: /Hakemukset/ }).waitFor();
      await page.getByRole('navigation', { name: 'Haun sivut' }).getByRole('link', { name: 'Päätösasiakirjat' }).click();
      await page.waitForURL(new RegExp(`/officer/calls/${world.callId}/decision-documents$`));
      await page.getByRole('heading', { level: 1, name: /Päätösasiakirjat/ }).waitFor();
      await page.getByText('2 asiakirjaa').waitFor();
      const table = page.getByRole('table', { name: 'Haun päätösasiakirjat' });
      const first = table.getByRole('row', { name: /OKM\/2018\/001/ });
      await first.getByRole('link', { name: world.funded.title }).waitFor();
      await first.getByRole('cell', { name: 'Turun kaupunki, Turun ammatti-instituutti' }).waitFor();
      await first.getByRole('cell', { name: 'suomi', exact: true }).waitFor();
      await first.getByText(`${docs[0].sha256.slice(0, 12)}…`).waitFor();
      const second = table.getByRole('row', { name: /OKM\/2018\/002/ });
      await second.getByRole('cell', { name: 'Yrkesakademin i Österbotten' }).waitFor();
      await second.getByRole('cell', { name: 'ruotsi', exact: true }).waitFor();
      await second.getByText(`${docs[1].sha256.slice(0, 12)}…`).waitFor();
      expect(await table.getByRole('row').count()).toBe(3);
      await expectNoSeriousAxe(page, 'officer decision documents');
      await shot(page, 'fi-decision-03-officer-documents');

      const pdf = await downloaded(page, () => first.getByRole('button', { name: /^Lataa PDF: OKM\/2018\/001 versio 1/ }).click());
      expect(pdf.name).toBe('OKM_2018_001-v1-fi.pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });
});
