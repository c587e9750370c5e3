import { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { applicationBody, callBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, UserFixture } from '../factories/identity.factory';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

/** Read a binary body whole, whatever its media type. */
const binary = (r: import('superagent').Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

const scratch = mkdtempSync(join(tmpdir(), 'avustus-decision-docs-'));
/** The PDF's text as Debian's pdftotext reads it, every run of white space (also no-break spaces) as one space. */
function pdfText(pdf: Buffer): string {
  const file = join(scratch, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('decision documents on the 2018 call’s shape', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let orgs: Record<'fi' | 'sv' | 'en' | 'member' | 'outsider', OrgFixture>;
  let users: Record<'fi' | 'sv' | 'en' | 'member' | 'outsider' | 'reviewer', UserFixture>;
  let callId: string;
  const apps: Record<'fi' | 'sv' | 'en', string> = { fi: '', sv: '', en: '' };

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const pdfOf = async (token: string, app: string, query = '') =>
    (
      await as(token)
        .get(`/api/applications/${app}/decision-document${query}`)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('content-type', 'application/pdf')
    ).body as Buffer;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    await resetDatabase(api);
    admin = await adminToken(api);
    const oph = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
    orgs = {
      fi: await createOrg(api, admin, { name: 'Turun kaupunki, Turun ammatti-instituutti', language: 'fi' }),
      sv: await createOrg(api, admin, { name: 'Yrkesakademin i Österbotten', language: 'sv' }),
      en: await createOrg(api, admin, { name: 'International Vocational College', language: 'en' }),
      member: await createOrg(api, admin, { name: 'Raision kaupunki', language: 'fi' }),
      outsider: await createOrg(api, admin, { name: 'Ulkopuolinen järjestäjä', language: 'fi' }),
    };
    users = {
      fi: await createUser(api, admin, orgs.fi.id, ['applicant']),
      sv: await createUser(api, admin, orgs.sv.id, ['applicant']),
      en: await createUser(api, admin, orgs.en.id, ['applicant']),
      member: await createUser(api, admin, orgs.member.id, ['applicant']),
      outsider: await createUser(api, admin, orgs.outsider.id, ['applicant']),
      reviewer: await createUser(api, admin, oph.id, ['reviewer']),
    };
    callId = (
      await openCall(api, admin, 4_000, {
        acceptanceDays: 21,
        paymentPlan: [
          { share: 60, trigger: 'acceptance' },
          { share: 40, trigger: 'final_report_accepted' },
        ],
        caseNumberPrefix: 'OKM/2018/',
      })
    ).id;
    const submit = async (key: 'fi' | 'sv' | 'en', body: Record<string, unknown>) => {
      const res = await as(users[key].token).post(`/api/calls/${callId}/applications`, applicationBody(body)).expect(201);
      await as(users[key].token).post(`/api/applications/${res.body.id}/submit`).expect(200);
      apps[key] = res.body.id;
    };
    await submit('fi', {
      title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
      requestedAmount: 30_000_000,
      budget: [{ item: 'Henkilöstökulut', amount: 40_000_000 }],
      memberOrganizationIds: [orgs.member.id],
    });
    await submit('sv', {
      title: 'Ledning av partnerskap i Österbotten',
      summary: 'Ett regionalt nätverksprojekt för att utveckla ledningen av kompetens och kundrelationer.',
      requestedAmount: 20_000_000,
      budget: [{ item: 'Personalkostnader', amount: 30_000_000 }],
    });
    await submit('en', { title: 'Leadership network', requestedAmount: 20_000_000, budget: [{ item: 'Staff', amount: 30_000_000 }] });
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [callId]))[0].closed_at,
      10_000,
    );
    await as(admin).post(`/api/calls/${callId}/assignments`, { applicationId: apps.fi, reviewerId: users.reviewer.id }).expect(201);
  }, 60_000);
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await worker?.close();
    await api?.close();
  });

  it('keeps acceptanceDays, paymentPlan and caseNumberPrefix on a call, with defaults, refusing shares that do not sum to 100', async () => {
    const call = await as(admin).get(`/api/calls/${callId}`).expect(200);
    expect(call.body).toMatchObject({
      acceptanceDays: 21,
      paymentPlan: [
        { share: 60, trigger: 'acceptance' },
        { share: 40, trigger: 'final_report_accepted' },
      ],
      caseNumberPrefix: 'OKM/2018/',
    });
    const draft = await as(admin).post('/api/calls', callBody()).expect(201);
    expect(draft.body).toMatchObject({ acceptanceDays: 14, paymentPlan: [{ share: 100, trigger: 'acceptance' }], caseNumberPrefix: null });

    const short = await as(admin)
      .patch(`/api/calls/${draft.body.id}`, {
        paymentPlan: [
          { share: 60, trigger: 'acceptance' },
          { share: 30, trigger: 'interim_report_accepted' },
        ],
      })
      .expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['paymentPlan']);
    const badTrigger = await as(admin)
      .patch(`/api/calls/${draft.body.id}`, { paymentPlan: [{ share: 100, trigger: 'whenever' }] })
      .expect(400);
    expect(badTrigger.body.errors[0].field).toBe('paymentPlan.0.trigger');
    const tooFew = await as(admin)
      .post('/api/calls', callBody({ acceptanceDays: 0 }))
      .expect(400);
    expect(tooFew.body.errors[0].field).toBe('acceptanceDays');

    const changed = await as(admin)
      .patch(`/api/calls/${draft.body.id}`, {
        acceptanceDays: 30,
        caseNumberPrefix: 'OKM/2019/',
        paymentPlan: [
          { share: 33.33, trigger: 'acceptance' },
          { share: 33.33, trigger: 'interim_report_accepted' },
          { share: 33.34, trigger: 'final_report_accepted' },
        ],
      })
      .expect(200);
    expect(changed.body).toMatchObject({ acceptanceDays: 30, caseNumberPrefix: 'OKM/2019/' });
    expect(changed.body.paymentPlan.map((p: { share: number }) => p.share)).toEqual([33.33, 33.33, 33.34]);
    // A published call keeps them: they are part of what applicants were promised.
    const published = await as(admin).patch(`/api/calls/${callId}`, { acceptanceDays: 7 }).expect(409);
    expect(published.body.code).toBe('INVALID_STATE');
  });

  it('stores a decision’s rationale and conditions in Finnish and Swedish, refusing conditions without Finnish', async () => {
    const noFinnish = await as(admin)
      .post(`/api/applications/${apps.fi}/decision`, {
        outcome: 'funded',
        grantedAmount: 25_000_000,
        rationale: { fi: 'Vahva verkosto.' },
        conditions: { sv: 'Villkor.' },
      })
      .expect(400);
    expect(noFinnish.body.errors.map((e: { field: string }) => e.field)).toEqual(['conditions.fi']);
    const unknown = await as(admin)
      .post(`/api/applications/${apps.fi}/decision`, { outcome: 'rejected', rationale: { fi: 'x', de: 'y' } })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('rationale.de');

    await as(admin)
      .post(`/api/applications/${apps.fi}/decision`, {
        outcome: 'funded',
        grantedAmount: 25_000_000,
        rationale: { fi: 'Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.', sv: 'Ett starkt regionalt nätverk.' },
        conditions: {
          fi: 'Hankkeen on osallistuttava koordinaatiohankkeen verkostotapaamisiin.',
          sv: 'Projektet ska delta i koordineringsprojektets nätverksmöten.',
        },
      })
      .expect(200);
    await as(admin)
      .post(`/api/applications/${apps.sv}/decision`, {
        outcome: 'funded',
        grantedAmount: 12_345_679,
        rationale: { fi: 'Hyvä suunnitelma, supistettu budjetti.', sv: 'En god plan med minskad budget.' },
        conditions: { fi: 'Ehdot suomeksi.', sv: 'Resultaten ska spridas på svenska och finska.' },
      })
      .expect(200);
    // API v1: a plain string is the Finnish rationale.
    await as(admin).post(`/api/applications/${apps.en}/decision`, { outcome: 'rejected', rationale: 'Muita heikompi.' }).expect(200);

    const decisions = await as(admin).get(`/api/calls/${callId}/decisions`).expect(200);
    const sv = decisions.body.find((d: { applicationId: string }) => d.applicationId === apps.sv);
    expect(sv).toMatchObject({
      rationale: 'Hyvä suunnitelma, supistettu budjetti.',
      rationaleText: { fi: 'Hyvä suunnitelma, supistettu budjetti.', sv: 'En god plan med minskad budget.' },
      conditions: { fi: 'Ehdot suomeksi.', sv: 'Resultaten ska spridas på svenska och finska.' },
      caseNumber: null,
    });
    const en = decisions.body.find((d: { applicationId: string }) => d.applicationId === apps.en);
    expect(en).toMatchObject({ rationaleText: { fi: 'Muita heikompi.' }, conditions: null });
    // Not published yet: the applicant is not told of the decision, the officer sees it.
    await as(users.fi.token).get(`/api/applications/${apps.fi}/decision`).expect(404);
    await as(admin).get(`/api/applications/${apps.fi}/decision`).expect(200);
  });

  it('issues on publication a document per decided application in its language, with case numbers and hashes', async () => {
    await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    const rows = await waitFor('the decision documents', async () => {
      const found: { application_id: string; language: string; version: number; case_number: string }[] = await api.db.query(
        'SELECT application_id, language, version, case_number FROM decision_documents WHERE call_id = $1 ORDER BY case_number',
        [callId],
      );
      return found.length === 3 ? found : undefined;
    });
    const language = Object.fromEntries(rows.map((r) => [r.application_id, r.language]));
    expect(language).toEqual({ [apps.fi]: 'fi', [apps.sv]: 'sv', [apps.en]: 'fi' });
    // Funded first, then rejected; within an outcome by category and submission time.
    expect(rows.map((r) => r.case_number)).toEqual(['OKM/2018/001', 'OKM/2018/002', 'OKM/2018/003']);
    expect(rows.find((r) => r.application_id === apps.en)?.case_number).toBe('OKM/2018/003');

    const list = await as(users.fi.token).get(`/api/applications/${apps.fi}/decision-documents`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ version: 1, language: 'fi', applicationId: apps.fi, correctionReason: null });
    const pdf = await pdfOf(users.fi.token, apps.fi);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(pdf)).toBe(list.body[0].sha256);

    const decision = await as(users.fi.token).get(`/api/applications/${apps.fi}/decision`).expect(200);
    expect(decision.body).toMatchObject({ outcome: 'funded', grantedAmount: 25_000_000, caseNumber: 'OKM/2018/001' });
    expect(decision.body.acceptanceDueAt).toEqual(expect.any(String));
    await as(users.member.token).get(`/api/applications/${apps.fi}/decision`).expect(200);
    await as(users.reviewer.token).get(`/api/applications/${apps.fi}/decision`).expect(403);
    await as(users.outsider.token).get(`/api/applications/${apps.fi}/decision`).expect(404);
    const forCall = await as(admin).get(`/api/calls/${callId}/decision-documents`).expect(200);
    expect(forCall.body.map((d: { caseNumber: string }) => d.caseNumber)).toEqual(['OKM/2018/001', 'OKM/2018/002', 'OKM/2018/003']);
  });

  it('states in Finnish the amount, schedule, deadlines, legal basis and appeal instructions (PDF read back with pdftotext)', async () => {
    const [decision] = await api.db.query('SELECT notified_at, acceptance_due_at, case_number FROM decisions WHERE application_id = $1', [
      apps.fi,
    ]);
    const lastDay = DateTime.fromJSDate(decision.notified_at, { zone: 'Europe/Helsinki' }).startOf('day').plus({ days: 21 });
    expect(new Date(decision.acceptance_due_at).getTime()).toBe(lastDay.plus({ days: 1 }).toMillis());
    const text = pdfText(await pdfOf(users.fi.token, apps.fi));
    for (const expected of [
      'VALTIONAVUSTUSPÄÄTÖS',
      `Diaarinumero: ${decision.case_number}`,
      'Hakija: Turun kaupunki, Turun ammatti-instituutti',
      'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen',
      'myöntää hakijalle valtionavustusta enintään 250 000,00 €',
      'Myönnetty avustus: 250 000,00 €',
      'Vahva alueellinen verkosto ja selkeä johtamisen kehittämissuunnitelma.',
      'Hankkeen on osallistuttava koordinaatiohankkeen verkostotapaamisiin.',
      'Avustus on käytettävä ajalla 1.1.2019–31.12.2020.',
      'Väliraportti: viimeistään 31.12.2019',
      'Loppuraportti: viimeistään 31.12.2020',
      'Erä 1: 60 %, 150 000,00 €',
      'Erä 2: 40 %, 100 000,00 €, kun loppuraportti on hyväksytty',
      `viimeistään ${lastDay.day}.${lastDay.month}.${lastDay.year}`,
      'Valtionavustuslaki (688/2001)',
      'Oikaisuvaatimusohje',
      'valtionavustuslain (688/2001) 34 §:n mukaisesti tekemällä oikaisuvaatimuksen',
      'Oikaisuvaatimus on tehtävä kirjallisesti 30 päivän kuluessa päätöksen tiedoksisaannista',
      'osoitetaan opetus- ja kulttuuriministeriölle',
    ]) {
      expect(text).toContain(expected);
    }

    const rejected = pdfText(await pdfOf(users.en.token, apps.en));
    expect(rejected).toContain('ei myönnä hakijalle valtionavustusta');
    expect(rejected).toContain('Oikaisuvaatimus on tehtävä kirjallisesti 30 päivän kuluessa');
    expect(rejected).not.toContain('Maksatus');
  });

  it('states the same in Swedish for a Swedish-speaking organisation, amounts to the cent, the last instalment the remainder', async () => {
    const text = pdfText(await pdfOf(users.sv.token, apps.sv));
    for (const expected of [
      'BESLUT OM STATSUNDERSTÖD',
      'Sökande: Yrkesakademin i Österbotten',
      'Ledning av kompetensbasering, kundrelationer och partnerskap',
      'beviljar sökanden statsunderstöd på högst 123 456,79 €',
      'En god plan med minskad budget.',
      'Resultaten ska spridas på svenska och finska.',
      'Post 1: 60 %, 74 074,07 €',
      'Post 2: 40 %, 49 382,72 €',
      'Mellanrapport: senast 31.12.2019',
      'Statsunderstödslagen (688/2001)',
      'Anvisning för begäran om omprövning',
      'begära omprövning av det enligt 34 § i statsunderstödslagen (688/2001)',
      'Begäran om omprövning ska göras skriftligen inom 30 dagar från delfåendet av beslutet',
      'riktas till undervisnings- och kulturministeriet',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await pdfOf(users.sv.token, apps.sv, '?lang=sv')).toEqual(await pdfOf(users.sv.token, apps.sv));
    await as(users.sv.token).get(`/api/applications/${apps.sv}/decision-document?lang=fi`).expect(404);
  });

  it('gives the same document as HTML when asked, and audits every read', async () => {
    const before = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'decision_document.read'`);
    const html = await as(users.sv.token)
      .get(`/api/applications/${apps.sv}/decision-document`)
      .set('accept', 'text/html')
      .expect(200)
      .expect('content-type', /^text\/html/);
    expect(html.text).toContain('<html lang="sv">');
    expect(html.text).toContain('123&nbsp;456,79&nbsp;€'.replace(/&nbsp;/g, '\u00a0'));
    expect(html.text).toContain('Anvisning för begäran om omprövning');
    const [{ html_sha256: stored }] = await api.db.query('SELECT html_sha256 FROM decision_documents WHERE application_id = $1', [apps.sv]);
    expect(sha256(html.text)).toBe(stored);
    expect(html.headers['x-content-sha256']).toBe(stored);
    await as(admin).get(`/api/applications/${apps.fi}/decision-document?format=html`).expect(200);
    await pdfOf(users.member.token, apps.fi);

    const reads: { actor_id: string; after: { format: string } }[] = await api.db.query(
      `SELECT actor_id, after FROM audit_events WHERE action = 'decision_document.read' ORDER BY id OFFSET $1`,
      [before[0].n],
    );
    expect(reads.map((r) => [r.actor_id, r.after.format])).toEqual([
      [users.sv.id, 'html'],
      [expect.any(String), 'html'],
      [users.member.id, 'pdf'],
    ]);
  });

  it('lets only the application’s organisations and officers read: a member organisation yes, a reviewer 403, an outsider 404', async () => {
    await as(users.member.token).get(`/api/applications/${apps.fi}/decision-documents`).expect(200);
    await as(admin).get(`/api/applications/${apps.fi}/decision-documents`).expect(200);
    const reviewer = await as(users.reviewer.token).get(`/api/applications/${apps.fi}/decision-document`).expect(403);
    expect(reviewer.body.code).toBe('FORBIDDEN');
    for (const url of [`/api/applications/${apps.fi}/decision-document`, `/api/applications/${apps.fi}/decision-documents`]) {
      const outsider = await as(users.outsider.token).get(url).expect(404);
      expect(outsider.body.code).toBe('NOT_FOUND');
    }
    await as(users.sv.token).get(`/api/applications/${apps.fi}/decision-document`).expect(404);
    await as(users.fi.token).get(`/api/calls/${callId}/decision-documents`).expect(403);
    await as(users.fi.token).post(`/api/applications/${apps.fi}/decision-documents`, { reason: 'x' }).expect(403);
  });

  it('refuses in the database itself to change or delete a stored document, or to store a wrong hash', async () => {
    const [doc] = await api.db.query('SELECT id, sha256 FROM decision_documents WHERE application_id = $1', [apps.fi]);
    await expect(api.db.query(`UPDATE decision_documents SET pdf = 'forged'::bytea WHERE id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(
      api.db.query(`UPDATE decision_documents SET pdf = 'forged'::bytea, sha256 = encode(sha256('forged'::bytea), 'hex') WHERE id = $1`, [
        doc.id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(api.db.query(`UPDATE decision_documents SET html = '<p>forged</p>' WHERE id = $1`, [doc.id])).rejects.toThrow(/immutable/);
    await expect(api.db.query('DELETE FROM decision_documents WHERE id = $1', [doc.id])).rejects.toThrow(/immutable/);
    await expect(
      api.db.query(
        `INSERT INTO decision_documents (application_id, call_id, version, language, case_number, pdf, sha256, html, html_sha256, correction_reason)
         SELECT application_id, call_id, 99, language, case_number, 'forged'::bytea, sha256, html, html_sha256, 'x' FROM decision_documents WHERE id = $1`,
        [doc.id],
      ),
    ).rejects.toThrow(/check constraint/);
    const [after] = await api.db.query('SELECT sha256, encode(sha256(pdf), $2) AS actual FROM decision_documents WHERE id = $1', [
      doc.id,
      'hex',
    ]);
    expect(after).toEqual({ sha256: doc.sha256, actual: doc.sha256 });
  });

  it('corrects a decision with a new version, the first kept as it was, and tells the organisations in their languages', async () => {
    const first = await pdfOf(users.fi.token, apps.fi);
    const bad = await as(admin).post(`/api/applications/${apps.fi}/decision-documents`, { reason: '' }).expect(400);
    expect(bad.body.errors[0].field).toBe('reason');
    const corrected = await as(admin)
      .post(`/api/applications/${apps.fi}/decision-documents`, {
        reason: 'Ehtoja täsmennetty.',
        conditions: { fi: 'Hankkeen on osallistuttava kaikkiin verkostotapaamisiin.', sv: 'Projektet ska delta i alla nätverksmöten.' },
      })
      .expect(201);
    expect(corrected.body).toMatchObject({
      version: 2,
      language: 'fi',
      caseNumber: 'OKM/2018/001',
      correctionReason: 'Ehtoja täsmennetty.',
    });
    const list = await as(users.fi.token).get(`/api/applications/${apps.fi}/decision-documents`).expect(200);
    expect(list.body.map((d: { version: number }) => d.version)).toEqual([2, 1]);
    const latest = pdfText(await pdfOf(users.fi.token, apps.fi));
    expect(latest).toContain('VALTIONAVUSTUSPÄÄTÖS (OIKAISTU, VERSIO 2)');
    expect(latest).toContain('Oikaisun syy: Ehtoja täsmennetty.');
    expect(latest).toContain('Hankkeen on osallistuttava kaikkiin verkostotapaamisiin.');
    expect(await pdfOf(users.fi.token, apps.fi, '?version=1')).toEqual(first);

    const ready = (token: string) =>
      waitFor('the document notifications', async () => {
        const res = await as(token).get('/api/notifications').expect(200);
        const found = res.body.filter((n: { kind: string }) => n.kind === 'decision_document_ready');
        return found.length > 0 ? found : undefined;
      });
    const fi = await ready(users.fi.token);
    expect(fi.map((n: { subject: string }) => n.subject).sort()).toEqual([
      'Oikaistu päätösasiakirja valmis: Kumppanuuksien johtaminen Varsinais-Suomessa (OKM/2018/001)',
      'Päätösasiakirja valmis: Kumppanuuksien johtaminen Varsinais-Suomessa (OKM/2018/001)',
    ]);
    const [sv] = await ready(users.sv.token);
    expect(sv.subject).toBe('Beslutsdokument klart: Ledning av partnerskap i Österbotten (OKM/2018/002)');
    expect(sv.body).toContain('inom 30 dagar');
    const [en] = await ready(users.en.token);
    expect(en.subject).toBe('Decision document ready: Leadership network (OKM/2018/003)');
    expect(en.body).not.toContain('Accept or refuse');
  });

  it('issues on reconciliation the documents of a call whose decisions were applied before documents existed', async () => {
    const late = await openCall(api, admin, 3_000, { caseNumberPrefix: 'OKM/2017/' });
    const res = await as(users.fi.token)
      .post(`/api/calls/${late.id}/applications`, applicationBody({ title: 'Vanha hanke' }))
      .expect(201);
    await as(users.fi.token).post(`/api/applications/${res.body.id}/submit`).expect(200);
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [late.id]))[0].closed_at,
      10_000,
    );
    await as(admin)
      .post(`/api/applications/${res.body.id}/decision`, { outcome: 'funded', grantedAmount: 1_000_000, rationale: 'Rahoitetaan.' })
      .expect(200);
    // What an older version left behind: published and applied, no case number, no document.
    await api.db.query(`UPDATE calls SET decided_at = now() WHERE id = $1`, [late.id]);
    await api.db.query(`UPDATE applications SET status = 'funded' WHERE id = $1`, [res.body.id]);
    await api.db.query(`INSERT INTO call_milestones (call_id, kind) VALUES ($1, 'decisions-applied')`, [late.id]);

    await worker.get(Reconciler).run();
    const [doc] = await waitFor('the late document', async () => {
      const rows = await api.db.query('SELECT case_number, language FROM decision_documents WHERE application_id = $1', [res.body.id]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(doc).toEqual({ case_number: 'OKM/2017/001', language: 'fi' });
    expect(pdfText(await pdfOf(users.fi.token, res.body.id))).toContain('enintään 10 000,00 €');
    // Once issued, reconciling again issues nothing more.
    await worker.get(Reconciler).run();
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM decision_documents WHERE application_id = $1', [res.body.id]);
    expect(n).toBe(1);
  });
});
