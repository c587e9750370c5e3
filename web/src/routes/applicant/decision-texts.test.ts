import { describe, expect, it } from 'vitest';
import en from '../../i18n/applicant/en.json';
import fi from '../../i18n/applicant/fi.json';
import sv from '../../i18n/applicant/sv.json';
import officerEn from '../../i18n/officer/en.json';
import officerFi from '../../i18n/officer/fi.json';
import officerSv from '../../i18n/officer/sv.json';
import { documentFilename } from './decision-document';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe('the decision’s texts', () => {
  it('has every Finnish text of the applicant’s decision and the officer’s documents page in Swedish and English, none empty', () => {
    const finnish = keys(fi).sort();
    expect(keys(sv).sort()).toEqual(finnish);
    expect(keys(en).sort()).toEqual(finnish);
    const documents = (tree: Tree) => keys((tree.officer as Tree).documents as Tree).sort();
    expect(documents(officerSv)).toEqual(documents(officerFi));
    expect(documents(officerEn)).toEqual(documents(officerFi));
    for (const tree of [fi, sv, en, officerFi.officer.documents, officerSv.officer.documents, officerEn.officer.documents]) {
      expect(JSON.stringify(tree)).not.toContain('":""');
    }
  });

  it('names both document languages', () => {
    for (const tree of [fi, sv, en]) expect(Object.keys(tree.applicant.decision.language).sort()).toEqual(['fi', 'sv']);
    for (const tree of [officerFi, officerSv, officerEn])
      expect(Object.keys(tree.officer.documents.languages).sort()).toEqual(['fi', 'sv']);
  });
});

describe('documentFilename', () => {
  it('names a download as the API does: the case number made safe, the version and the language', () => {
    expect(documentFilename({ caseNumber: 'OKM/2018/001', version: 2, language: 'sv' }, 'pdf')).toBe('OKM_2018_001-v2-sv.pdf');
    expect(documentFilename({ caseNumber: 'AVUSTUS/2026/014', version: 1, language: 'fi' }, 'html')).toBe('AVUSTUS_2026_014-v1-fi.html');
  });
});
