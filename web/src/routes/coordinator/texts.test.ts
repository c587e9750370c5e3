import { describe, expect, it } from 'vitest';
import en from '../../i18n/coordinator/en.json';
import fi from '../../i18n/coordinator/fi.json';
import sv from '../../i18n/coordinator/sv.json';
import { PARTNERSHIP_LEVELS, PRACTICE_STATUSES, REPORT_TYPES } from './coordination';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

describe('the coordinator room’s texts', () => {
  it('has every Finnish text in Swedish and English, none empty', () => {
    const finnish = keys(fi).sort();
    expect(keys(sv).sort()).toEqual(finnish);
    expect(keys(en).sort()).toEqual(finnish);
    for (const lang of [fi, sv, en]) {
      const values = JSON.stringify(lang).match(/":"(.*?)"/g) ?? [];
      expect(values.filter((v) => v === '":""')).toEqual([]);
    }
  });

  it('names every report type, report state, partnership level and practice state', () => {
    const all = keys(fi);
    const needed = [
      ...REPORT_TYPES.map((t) => `coordinator.reportType.${t}`),
      ...['due', 'submitted', 'accepted', 'returned', 'overdue'].map((s) => `coordinator.reportStatus.${s}`),
      ...['due', 'submitted', 'accepted', 'returned', 'overdue'].map((s) => `coordinator.report.notReviewable.${s}`),
      ...PARTNERSHIP_LEVELS.map((l) => `coordinator.level.${l}`),
      ...PRACTICE_STATUSES.map((s) => `coordinator.practiceStatus.${s}`),
    ];
    expect(needed.filter((k) => !all.includes(k))).toEqual([]);
  });
});
