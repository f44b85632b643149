import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language, languages } from '../i18n/index.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** 中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <span data-testid="lang-switch">
      <Segmented<Language>
        size="small"
        value={language}
        onChange={(value) => void changeLanguage(value)}
        options={languages.map((value) => ({
          value,
          label: <span data-testid={`lang-${value}`}>{t(`language.${value}`)}</span>,
        }))}
        aria-label={t('language.label')}
      />
    </span>
  );
}
