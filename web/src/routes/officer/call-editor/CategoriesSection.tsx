import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { EuroField } from '../../../components/form/EuroField';
import { TextField } from '../../../components/form/TextField';
import type { CallForm } from './call-form';
import type { FieldErrors } from './CallEditorPage';

/** The call's categories, each with how many may be funded and the largest amount per application. */
export function CategoriesSection({ form, set, errors }: { form: CallForm; set: (f: CallForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<CallForm['categories'][number]>) =>
    set({ ...form, categories: form.categories.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <section aria-labelledby="categories-heading" className="form-section">
      <Heading variant="h2" id="categories-heading">
        {t('officer.editor.categories')}
      </Heading>
      {form.categories.map((c, i) => (
        <fieldset key={i} className="row">
          <legend>{t('officer.editor.category', { n: i + 1 })}</legend>
          <div className="two-columns">
            <TextField
              id={`categories.${i}.key`}
              label={t('officer.editor.key')}
              hint={t('officer.editor.keyHint')}
              value={c.key}
              onChange={(key) => update(i, { key })}
              error={errors(`categories.${i}.key`)}
            />
            <TextField
              id={`categories.${i}.title`}
              label={t('officer.editor.categoryTitle')}
              value={c.title}
              onChange={(title) => update(i, { title })}
              error={errors(`categories.${i}.title`)}
            />
            <TextField
              id={`categories.${i}.maxFunded`}
              label={t('officer.editor.maxFunded')}
              inputMode="numeric"
              value={c.maxFunded}
              onChange={(maxFunded) => update(i, { maxFunded })}
              error={errors(`categories.${i}.maxFunded`)}
            />
            <EuroField
              id={`categories.${i}.maxAmount`}
              label={t('officer.editor.maxAmount')}
              hint={t('officer.editor.maxAmountHint')}
              cents={c.maxAmount}
              onChange={(maxAmount) => update(i, { maxAmount })}
              error={errors(`categories.${i}.maxAmount`)}
            />
          </div>
          {form.categories.length > 1 && (
            <button
              type="button"
              className="header-button"
              onClick={() => set({ ...form, categories: form.categories.filter((_, j) => j !== i) })}
            >
              {t('officer.editor.removeCategory', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="header-button"
        onClick={() => set({ ...form, categories: [...form.categories, { key: '', title: '', maxFunded: '', maxAmount: null }] })}
      >
        {t('officer.editor.addCategory')}
      </button>
    </section>
  );
}
