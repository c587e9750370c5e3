import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { TextField } from '../../../components/form/TextField';
import type { CallForm } from './call-form';
import type { FieldErrors } from './CallEditorPage';

/** The review criteria, each with its weight in the score and its scale's maximum. */
export function CriteriaSection({ form, set, errors }: { form: CallForm; set: (f: CallForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<CallForm['criteria'][number]>) =>
    set({ ...form, criteria: form.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <section aria-labelledby="criteria-heading" className="form-section">
      <Heading variant="h2" id="criteria-heading">
        {t('officer.editor.criteria')}
      </Heading>
      {form.criteria.map((c, i) => (
        <fieldset key={i} className="row">
          <legend>{t('officer.editor.criterion', { n: i + 1 })}</legend>
          <div className="two-columns">
            <TextField
              id={`criteria.${i}.key`}
              label={t('officer.editor.key')}
              hint={t('officer.editor.keyHint')}
              value={c.key}
              onChange={(key) => update(i, { key })}
              error={errors(`criteria.${i}.key`)}
            />
            <TextField
              id={`criteria.${i}.title`}
              label={t('officer.editor.criterionTitle')}
              value={c.title}
              onChange={(title) => update(i, { title })}
              error={errors(`criteria.${i}.title`)}
            />
            <TextField
              id={`criteria.${i}.weight`}
              label={t('officer.editor.weight')}
              inputMode="decimal"
              value={c.weight}
              onChange={(weight) => update(i, { weight })}
              error={errors(`criteria.${i}.weight`)}
            />
            <TextField
              id={`criteria.${i}.maxScore`}
              label={t('officer.editor.maxScore')}
              inputMode="numeric"
              value={c.maxScore}
              onChange={(maxScore) => update(i, { maxScore })}
              error={errors(`criteria.${i}.maxScore`)}
            />
          </div>
          {form.criteria.length > 1 && (
            <button
              type="button"
              className="header-button"
              onClick={() => set({ ...form, criteria: form.criteria.filter((_, j) => j !== i) })}
            >
              {t('officer.editor.removeCriterion', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="header-button"
        onClick={() => set({ ...form, criteria: [...form.criteria, { key: '', title: '', weight: '1', maxScore: '5' }] })}
      >
        {t('officer.editor.addCriterion')}
      </button>
    </section>
  );
}
