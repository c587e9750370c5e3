import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import { PageHeading } from '../../components/PageHeading';

/** Saavutettavuusseloste: required of public-sector services by law 306/2019. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const known = t('accessibility.knownIssues', { returnObjects: true }) as string[];
  return (
    <div className="narrow prose">
      <PageHeading title={t('accessibility.title')}>{t('accessibility.title')}</PageHeading>
      <Paragraph>{t('accessibility.intro')}</Paragraph>
      <Heading variant="h2">{t('accessibility.statusTitle')}</Heading>
      <Paragraph>{t('accessibility.status')}</Paragraph>
      <Heading variant="h2">{t('accessibility.knownTitle')}</Heading>
      <ul>
        {known.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
      <Heading variant="h2">{t('accessibility.testedTitle')}</Heading>
      <Paragraph>{t('accessibility.tested')}</Paragraph>
      <Heading variant="h2">{t('accessibility.feedbackTitle')}</Heading>
      <Paragraph>{t('accessibility.feedback')}</Paragraph>
      <Heading variant="h2">{t('accessibility.authorityTitle')}</Heading>
      <Paragraph>{t('accessibility.authority')}</Paragraph>
      <Paragraph>{t('accessibility.updated')}</Paragraph>
    </div>
  );
}
