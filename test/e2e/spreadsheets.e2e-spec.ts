import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { EURO_FORMAT, XLSX_MEDIA_TYPE } from '../../src/common/xlsx';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];

/** Reads an XLSX answer back with exceljs: the first sheet's header and rows as cell values. */
async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1) as string[];
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let i = 2; i <= sheet.rowCount; i += 1) {
    const values = sheet.getRow(i).values as ExcelJS.CellValue[];
    rows.push(Object.fromEntries(header.map((h, j) => [h, values[j + 1] ?? null])));
  }
  return { sheet, header, rows };
}

const binary = (res: { on: (e: string, cb: (c?: Buffer) => void) => void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c as Buffer));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('spreadsheets: the ranking, a call’s applications and the coordination overview as XLSX', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let callId: string;
  const appIds: string[] = [];

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    xlsx: (url: string) =>
      api.http().get(url).set('authorization', `Bearer ${token}`).set('accept', XLSX_MEDIA_TYPE).buffer(true).parse(binary),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => api.http().put(url).set('authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    await resetDatabase(api);
    admin = await adminToken(api);
    const authority = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
    const reviewers = [await createUser(api, admin, authority.id, ['reviewer']), await createUser(api, admin, authority.id, ['reviewer'])];
    callId = (await openCall(api, admin, 60_000, { reviewsPerApplication: 2 })).id;
    const amounts = [61_234_567, 45_000_050, 38_000_000];
    for (const [i, amount] of amounts.entries()) {
      const org = await createOrg(api, admin, { name: `Ammattiopisto Åbo ${i} & Co` });
      const applicant = await createUser(api, admin, org.id, ['applicant']);
      const res = await as(applicant.token)
        .post(
          `/api/calls/${callId}/applications`,
          applicationBody({
            title: `=Hanke ${i}`, // a formula-looking title stays text
            requestedAmount: amount,
            selfFinancingAmount: 10_000_000,
            budget: [{ item: 'Kulut', amount: amount + 10_000_000 }],
          }),
        )
        .expect(201);
      await as(applicant.token).post(`/api/applications/${res.body.id}/submit`).expect(200);
      appIds.push(res.body.id);
    }
    // Closed now, by the reconciler, rather than waiting for the closing time.
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second' WHERE id = $1`, [callId]);
    await worker.get(Reconciler).run();
    await as(admin).post(`/api/calls/${callId}/assignments/auto`).expect(200);
    const scores = [
      [5, 4, 3, 2],
      [3, 3, 4, 5],
      [2, 5, 1, 4],
    ];
    for (const [r, reviewer] of reviewers.entries()) {
      for (const [i, id] of appIds.entries()) {
        const values = scores[(i + r) % 3];
        await as(reviewer.token)
          .put(`/api/applications/${id}/review`, { scores: Object.fromEntries(CRITERIA.map((k, j) => [k, values[j]])), comment: '' })
          .expect(200);
        await as(reviewer.token).post(`/api/applications/${id}/review/submit`).expect(200);
      }
    }
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('gives the ranking as a workbook whose numbers are the JSON ranking’s, euros in a euro format, the header frozen', async () => {
    const json = (await as(admin).get(`/api/calls/${callId}/ranking`).expect(200)).body as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    const res = await as(admin).xlsx(`/api/calls/${callId}/ranking`).expect(200);
    expect(res.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ranking-${callId}.xlsx"`);
    const { sheet, header, rows } = await readWorkbook(res.body as Buffer);

    expect(header).toEqual([
      'rank',
      'category',
      'applicationId',
      'title',
      'organizationName',
      'score',
      'normalizedScore',
      'reviewCount',
      'spread',
      'disagreement',
      'requestedAmount (€)',
    ]);
    expect(rows).toHaveLength(json.length);
    rows.forEach((row, i) => {
      const j = json[i];
      expect(row).toEqual({
        rank: j.rank,
        category: j.category,
        applicationId: j.applicationId,
        title: j.title,
        organizationName: j.organizationName,
        score: j.score,
        normalizedScore: j.normalizedScore,
        reviewCount: j.reviewCount,
        spread: j.spread,
        disagreement: j.disagreement,
        'requestedAmount (€)': (j.requestedAmount as number) / 100,
      });
      for (const key of ['rank', 'score', 'normalizedScore', 'reviewCount', 'spread', 'requestedAmount (€)'])
        expect(typeof row[key]).toBe('number');
      expect(String(row.title)).toMatch(/^=Hanke \d$/); // text, not a formula
    });
    expect(rows.map((r) => r['requestedAmount (€)']).sort()).toEqual([380_000, 450_000.5, 612_345.67]);

    const euroColumn = header.indexOf('requestedAmount (€)') + 1;
    expect(sheet.getCell(2, euroColumn).numFmt).toBe(EURO_FORMAT);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Widths fit the longest shown value: the UUID column is wider than the short rank column.
    const widths = header.map((_, i) => sheet.getColumn(i + 1).width ?? 0);
    expect(widths[header.indexOf('applicationId')]).toBeGreaterThanOrEqual(38);
    expect(widths[header.indexOf('rank')]).toBeLessThan(widths[header.indexOf('organizationName')]);
    for (const [i, h] of header.entries()) expect(widths[i]).toBeGreaterThanOrEqual(h.length);
  });

  it('keeps the CSV beside it, and gives one category’s ranking as a workbook too', async () => {
    const csv = await api
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set('authorization', `Bearer ${admin}`)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFFrank;category;applicationId;title;organizationName;score;normalizedScore;reviewCount;spread;disagreement;requestedAmount (€)',
    );
    const one = await as(admin).xlsx(`/api/calls/${callId}/ranking?category=coordination`).expect(200);
    expect((await readWorkbook(one.body as Buffer)).rows).toEqual([]);
  });

  it('gives a call’s applications as a workbook with the JSON listing’s numbers and Helsinki times', async () => {
    const json = (await as(admin).get(`/api/applications?callId=${callId}`).expect(200)).body as Record<string, unknown>[];
    const res = await as(admin).xlsx(`/api/applications?callId=${callId}`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="applications-${callId}.xlsx"`);
    const { sheet, header, rows } = await readWorkbook(res.body as Buffer);
    expect(rows.map((r) => r.id)).toEqual(json.map((j) => j.id));
    rows.forEach((row, i) => {
      expect(row['requestedAmount (€)']).toBe((json[i].requestedAmount as number) / 100);
      expect(row['selfFinancingAmount (€)']).toBe(100_000);
      expect(row.submittedVersion).toBe(json[i].submittedVersion);
      expect(row.status).toBe('in_review');
      // The wall-clock time in Helsinki, as a date cell.
      const submitted = new Date(json[i].submittedAt as string);
      const helsinki = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'medium' })
        .format(submitted)
        .replace(' ', 'T');
      expect((row.submittedAt as Date).toISOString().slice(0, 19)).toBe(helsinki);
    });
    expect(sheet.getCell(2, header.indexOf('requestedAmount (€)') + 1).numFmt).toBe(EURO_FORMAT);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const csv = await api
      .http()
      .get(`/api/applications?callId=${callId}`)
      .set('authorization', `Bearer ${admin}`)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(json.length + 1);
  });

  it('gives the coordination overview’s projects as a workbook, granted money in euros', async () => {
    for (const id of appIds)
      await as(admin)
        .post(`/api/applications/${id}/decision`, { outcome: 'funded', grantedAmount: 25_000_050, rationale: 'Rahoitetaan.' })
        .expect(200);
    await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    // The worker flags reports overdue after the publication: compare a workbook with the JSON read
    // just before and just after it, once both say the same.
    const { overview, workbook } = await waitFor('a settled overview', async () => {
      const before = await as(admin).get(`/api/calls/${callId}/coordination`).expect(200);
      if (before.body.projects.length !== 3) return undefined;
      const xlsx = await as(admin).xlsx(`/api/calls/${callId}/coordination`).expect(200);
      const after = await as(admin).get(`/api/calls/${callId}/coordination`).expect(200);
      if (JSON.stringify(after.body.projects) !== JSON.stringify(before.body.projects)) return undefined;
      return { overview: before.body as { projects: Record<string, unknown>[] }, workbook: xlsx.body as Buffer };
    });
    const { rows, sheet, header } = await readWorkbook(workbook);
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const p = overview.projects[i];
      expect(row).toMatchObject({
        projectId: p.projectId,
        name: p.name,
        membersCount: p.membersCount,
        reportsDue: p.reportsDue,
        reportsOverdue: p.reportsOverdue,
        practicesCount: p.practicesCount,
        'grantedAmount (€)': 250_000.5,
      });
    });
    expect(sheet.getCell(2, header.indexOf('grantedAmount (€)') + 1).numFmt).toBe(EURO_FORMAT);
  });
});
