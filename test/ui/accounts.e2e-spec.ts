/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, createOrg, createUser } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { axe, eventually, screenshot, serveUi, stopUi, UiServer } from './browser';

/**
 * Accounts in real Chromium against the built UI and the real API: a user changes their password
 * (a weak one refused with the reason, a strong one taken, signed in with it), sign-out ends the
 * session in the API, a forgotten password is reset through the e-mailed link (read from the
 * outbox), and the officer administers users (roles, deactivation, the last admin kept) and
 * organisations (a wrong IBAN refused beside the field, a right one saved). Axe on every page visited.
 */
jest.setTimeout(180_000);

const PASSWORD = 'vanha-salasana-123';
const STRONG = 'Hevonen-Kirja-Sininen-77';
const SHOTS = process.env.ACCOUNT_SHOTS ?? '/tmp/shots-accounts';

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

async function newPage(locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale, timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Sähköpostiosoite').fill(email);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  // After sign-in the page speaks the person's language.
  await page.getByRole('button', { name: /Kirjaudu ulos|Logga ut|Sign out/ }).waitFor();
}

/** Axe finds nothing serious or critical; a full-page screenshot for looking at. */
async function check(page: Page, name: string) {
  expect(await axe(page, `accounts: ${name}`)).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await screenshot(page, `accounts-${name}`);
}

/** The token the tab holds (sessionStorage), to try it against the API afterwards. */
async function tabToken(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const raw = sessionStorage.getItem('avustus.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : null;
  });
}

async function me(token: string): Promise<number> {
  return (await api.http().get('/api/auth/me').set('authorization', `Bearer ${token}`)).status;
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

describe('accounts in the browser', () => {
  it('changes the password (a weak one refused with the reason), signs out ending the session, signs in with the new one', async () => {
    const org = await createOrg(api, admin, { name: 'Turun ammatti-instituutti' });
    const { email } = await person(org.id, 'Päivi Lehtinen', ['applicant']);
    const { context, page } = await newPage();
    try {
      await signIn(page, email);
      await page.getByRole('link', { name: 'Vaihda salasana' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vaihda salasana' }).waitFor();
      await check(page, 'fi-01-password-change');

      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('heading', { name: 'Lomakkeessa on 3 korjattavaa kohtaa' }).waitFor();
      expect(await page.getByLabel('Nykyinen salasana').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Nykyinen salasana').fill('väärä-salasana-999');
      await page.getByLabel('Uusi salasana', { exact: true }).fill(STRONG);
      await page.getByLabel('Uusi salasana uudelleen').fill(`${STRONG}x`);
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('link', { name: /Uusi salasana uudelleen: Salasanat eivät ole samat/ }).waitFor();

      await page.getByLabel('Uusi salasana uudelleen').fill(STRONG);
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('link', { name: 'Nykyinen salasana: Nykyinen salasana on väärin.' }).waitFor();

      await page.getByLabel('Nykyinen salasana').fill(PASSWORD);
      await page.getByLabel('Uusi salasana', { exact: true }).fill('salasana1234');
      await page.getByLabel('Uusi salasana uudelleen').fill('salasana1234');
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      const weak = page.locator('#newPassword-error');
      await weak.getByText(/Salasana on liian helppo arvata/).waitFor();
      // The estimator's own reason is said too.
      expect(await weak.textContent()).toMatch(/Syy: \S+/);
      expect(await page.getByLabel('Uusi salasana', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await check(page, 'fi-02-password-weak');

      await page.getByLabel('Uusi salasana', { exact: true }).fill('Lyhyt-1');
      await page.getByLabel('Uusi salasana uudelleen').fill('Lyhyt-1');
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.locator('#newPassword-error').getByText('Salasanassa on oltava vähintään 12 merkkiä.').waitFor();

      await page.getByLabel('Uusi salasana', { exact: true }).fill(STRONG);
      await page.getByLabel('Uusi salasana uudelleen').fill(STRONG);
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('status').getByText('Salasanasi on vaihdettu.', { exact: false }).waitFor();
      expect(await page.getByRole('heading', { name: /korjattava/ }).count()).toBe(0);
      await check(page, 'fi-03-password-changed');

      // Sign-out ends the session in the API, not only in the tab.
      const token = await tabToken(page);
      expect(token).toBeTruthy();
      expect(await me(token!)).toBe(200);
      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      expect(await tabToken(page)).toBeNull();
      await eventually(async () => expect(await me(token!)).toBe(401));

      // The old password no longer works; the new one does.
      await page.getByLabel('Sähköpostiosoite').fill(email);
      await page.getByLabel('Salasana').fill(PASSWORD);
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByText('Sähköpostiosoite tai salasana on väärin.', { exact: false }).waitFor();
      await signIn(page, email, STRONG);
      await page.getByRole('heading', { level: 1 }).waitFor();

      // The administration is the officer's: an applicant is told so, and has no link to it.
      expect(await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Käyttäjät' }).count()).toBe(0);
      await page.goto('/admin/users');
      await page.getByRole('alert').getByText('Sinulla ei ole oikeutta tähän.').waitFor();
    } finally {
      await context.close();
    }
  });

  it('resets a forgotten password through the e-mailed link, refusing a wrong link and a weak password', async () => {
    const org = await createOrg(api, admin, { name: 'Yrkesinstitutet Prakticum', language: 'sv' });
    const { id, email } = await person(org.id, 'Sara Söderström', ['applicant']);

    // In Swedish before sign-in (the browser's language).
    const sv = await newPage('sv-FI');
    try {
      await sv.page.goto('/login');
      await sv.page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
      await sv.page.getByRole('heading', { level: 1, name: 'Glömt lösenord' }).waitFor();
      await check(sv.page, 'sv-04-forgot-password');
    } finally {
      await sv.context.close();
    }

    const { context, page } = await newPage();
    try {
      await page.goto('/login');
      await check(page, 'fi-00-sign-in');
      await page.getByRole('link', { name: 'Unohditko salasanasi?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Unohtunut salasana' }).waitFor();
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page.getByRole('link', { name: 'Sähköpostiosoite: Tieto puuttuu.' }).waitFor();
      await check(page, 'fi-04-forgot-password-missing');

      // An unknown address gets the same answer as a known one.
      await page.getByLabel('Sähköpostiosoite').fill('ei-ketaan@avustus.test');
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page
        .getByRole('status')
        .getByText(/Jos osoite on Avustuksessa käytössä/)
        .waitFor();
      await page.getByLabel('Sähköpostiosoite').fill(email);
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page
        .getByRole('status')
        .getByText(/Jos osoite on Avustuksessa käytössä/)
        .waitFor();
      await check(page, 'fi-05-forgot-password-sent');

      // The e-mail waits in the outbox, in the person's language, with the link.
      let link = '';
      await eventually(async () => {
        const [mail] = await api.db.query(
          `SELECT body, language FROM notifications WHERE kind = 'password_reset' AND recipient_user_id = $1`,
          [id],
        );
        expect(mail?.language).toBe('sv');
        link = /https?:\/\/\S+\/password-reset\?token=[A-Za-z0-9_-]+/.exec(mail.body as string)?.[0] ?? '';
        expect(link).not.toBe('');
      }, 10_000);
      const total = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'password_reset'`);
      expect(total[0].n).toBe(1);
      const url = new URL(link);

      await page.goto('/password-reset?token=vaara-linkki');
      await page.getByRole('heading', { level: 1, name: 'Valitse uusi salasana' }).waitFor();
      await page.getByLabel('Uusi salasana', { exact: true }).fill(STRONG);
      await page.getByLabel('Uusi salasana uudelleen').fill(STRONG);
      await page.getByRole('button', { name: 'Tallenna uusi salasana' }).click();
      await page
        .getByRole('alert')
        .getByText(/Linkki on vanhentunut, jo käytetty tai virheellinen/)
        .waitFor();
      await check(page, 'fi-06-reset-wrong-link');

      await page.goto(`${url.pathname}${url.search}`);
      await page.getByRole('heading', { level: 1, name: 'Valitse uusi salasana' }).waitFor();
      await check(page, 'fi-07-reset');
      await page.getByLabel('Uusi salasana', { exact: true }).fill('salasana1234');
      await page.getByLabel('Uusi salasana uudelleen').fill('salasana1234');
      await page.getByRole('button', { name: 'Tallenna uusi salasana' }).click();
      await page
        .locator('#newPassword-error')
        .getByText(/Salasana on liian helppo arvata/)
        .waitFor();
      await check(page, 'fi-08-reset-weak');

      await page.getByLabel('Uusi salasana', { exact: true }).fill(STRONG);
      await page.getByLabel('Uusi salasana uudelleen').fill(STRONG);
      await page.getByRole('button', { name: 'Tallenna uusi salasana' }).click();
      await page.getByRole('status').getByText('Uusi salasana on tallennettu.', { exact: false }).waitFor();
      await check(page, 'fi-09-reset-done');
      await page.getByRole('link', { name: 'Kirjaudu sisään' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await signIn(page, email, STRONG);
      await page.getByRole('link', { name: 'Byt lösenord' }).waitFor();

      // The link worked once.
      const again = await api
        .http()
        .post('/api/auth/password-reset/confirm')
        .send({ token: url.searchParams.get('token'), newPassword: STRONG });
      expect(again.status).toBe(400);
    } finally {
      await context.close();
    }
  });

  it('lets the officer edit a user’s roles, deactivate a user, keeps the last admin, and fix an organisation’s IBAN', async () => {
    const okm = await createOrg(api, admin, { name: 'Opetus- ja kulttuuriministeriö', kind: 'authority' });
    const officer = await person(okm.id, 'Virve Virkailija', ['admin']);
    const provider = await createOrg(api, admin, { name: 'Koulutuskuntayhtymä Tavastia', municipality: 'Hämeenlinna' });
    const target = await createUser(api, admin, provider.id, ['applicant']);
    const leaver = await createUser(api, admin, provider.id, ['applicant']);
    const { context, page } = await newPage();
    try {
      await signIn(page, officer.email);
      const nav = page.getByRole('navigation', { name: 'Päävalikko' });
      await nav.getByRole('link', { name: 'Käyttäjät' }).click();
      await page.getByRole('heading', { level: 1, name: 'Käyttäjät' }).waitFor();
      const row = page.getByRole('row', { name: new RegExp(target.email) });
      await row.getByRole('cell', { name: 'Koulutuskuntayhtymä Tavastia' }).waitFor();
      await row.getByRole('cell', { name: 'hakija', exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: 'Käyttäjät' }).getAttribute('aria-current')).toBe('page');
      await check(page, 'fi-10-users');

      // Roles: the applicant also reviews; their old token stops working.
      await row.getByRole('link', { name: /^Muokkaa/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Muokkaa käyttäjää' }).waitFor();
      await check(page, 'fi-11-user-edit');
      await page.getByRole('group', { name: 'Roolit' }).getByLabel('arvioija').check();
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page.getByRole('status').getByText('Muutokset on tallennettu.').waitFor();
      const saved = await api.http().get('/api/users').set('authorization', `Bearer ${admin}`).expect(200);
      expect(saved.body.find((u: { id: string }) => u.id === target.id)).toMatchObject({ roles: ['applicant', 'reviewer'], active: true });
      expect(await me(target.token)).toBe(401);

      // Deactivation: the user cannot sign in, and the list says so.
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Käyttäjät' }).click();
      await page.getByRole('heading', { level: 1, name: 'Käyttäjät' }).waitFor();
      await page
        .getByRole('row', { name: new RegExp(leaver.email) })
        .getByRole('link', { name: /^Muokkaa/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Muokkaa käyttäjää' }).waitFor();
      await page.getByLabel('Käyttäjä voi kirjautua (käytössä)').uncheck();
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page.getByRole('status').getByText('Muutokset on tallennettu.').waitFor();
      expect(await me(leaver.token)).toBe(401);
      await api.http().post('/api/auth/login').send({ email: leaver.email, password: 'password-123' }).expect(401);
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Käyttäjät' }).click();
      await page
        .getByRole('row', { name: new RegExp(leaver.email) })
        .getByRole('cell', { name: 'ei (poistettu käytöstä)' })
        .waitFor();
      await check(page, 'fi-12-users-deactivated');

      // The last active admin: the officer cannot take the role from themself; told why in words.
      await api
        .http()
        .get('/api/users')
        .set('authorization', `Bearer ${admin}`)
        .expect(200)
        .then(async (res) => {
          const builtIn = (res.body as { id: string; email: string }[]).find((u) => u.email === process.env.ADMIN_EMAIL);
          await api.http().patch(`/api/users/${builtIn!.id}`).set('authorization', `Bearer ${admin}`).send({ active: false }).expect(200);
        });
      await page
        .getByRole('row', { name: new RegExp(officer.email) })
        .getByRole('link', { name: /^Muokkaa/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Muokkaa käyttäjää' }).waitFor();
      await page.getByRole('group', { name: 'Roolit' }).getByLabel('virkailija').uncheck();
      await page.getByRole('group', { name: 'Roolit' }).getByLabel('hakija').check();
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page
        .getByRole('alert')
        .getByText(/Tämä on palvelun ainoa aktiivinen virkailija/)
        .waitFor();
      await check(page, 'fi-13-user-last-admin');
      const officerNow = await api
        .http()
        .get('/api/auth/me')
        .set('authorization', `Bearer ${await tabToken(page)}`)
        .expect(200);
      expect(officerNow.body.roles).toEqual(['admin']);

      // Organisations: a wrong IBAN is refused beside its field; the right one is saved.
      await nav.getByRole('link', { name: 'Organisaatiot' }).click();
      await page.getByRole('heading', { level: 1, name: 'Organisaatiot' }).waitFor();
      const orgRow = page.getByRole('row', { name: /Koulutuskuntayhtymä Tavastia/ });
      await orgRow.getByRole('cell', { name: 'Hämeenlinna' }).waitFor();
      await orgRow.getByRole('cell', { name: 'koulutuksen järjestäjä' }).waitFor();
      await check(page, 'fi-14-organizations');
      await orgRow.getByRole('link', { name: /^Muokkaa/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Muokkaa organisaatiota' }).waitFor();
      await check(page, 'fi-15-organization-edit');
      await page.getByLabel('IBAN').fill('FI21 1234 5600 0007 86');
      await page.getByLabel('BIC').fill('NDEAFIHH');
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page
        .locator('#iban-error')
        .getByText(/IBAN-tilinumero on virheellinen/)
        .waitFor();
      expect(await page.getByLabel('IBAN').getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('link', { name: /^IBAN: IBAN-tilinumero on virheellinen/ }).waitFor();
      await check(page, 'fi-16-organization-iban-wrong');
      const [unchanged] = await api.db.query('SELECT iban FROM organizations WHERE id = $1', [provider.id]);
      expect(unchanged.iban).toBeNull();

      await page.getByLabel('IBAN').fill('FI21 1234 5600 0007 85');
      await page.getByRole('button', { name: 'Tallenna' }).click();
      await page.getByRole('status').getByText('Muutokset on tallennettu.').waitFor();
      expect(await page.locator('#iban-error').count()).toBe(0);
      const [stored] = await api.db.query('SELECT iban, bic FROM organizations WHERE id = $1', [provider.id]);
      expect(stored).toEqual({ iban: 'FI2112345600000785', bic: 'NDEAFIHH' });
      await check(page, 'fi-17-organization-saved');
      await page.getByRole('navigation', { name: 'Murupolku' }).getByRole('link', { name: 'Organisaatiot' }).click();
      await page
        .getByRole('row', { name: /Koulutuskuntayhtymä Tavastia/ })
        .getByRole('cell', { name: 'FI21 1234 5600 0007 85' })
        .waitFor();
    } finally {
      await context.close();
    }
  });
});
