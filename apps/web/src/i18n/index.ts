import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export type Language = 'zh-CN' | 'en';

export const languages: readonly Language[] = ['zh-CN', 'en'];

const storageKey = 'kebao.lang';

// en.json must carry every key zh-CN.json has; this assignment fails to compile when one is missing.
const enResources: typeof zhCN = en;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    // Storage can be unavailable (privacy mode); Chinese is the default.
    return 'zh-CN';
  }
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.title');
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered across visits, but still switched for this one.
  }
  await i18next.changeLanguage(language);
}

export function initI18n(): void {
  i18next.on('languageChanged', (lng) => {
    if (isLanguage(lng)) applyToDocument(lng);
  });
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: enResources } },
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    supportedLngs: languages,
    interpolation: { escapeValue: false }, // React escapes already
  });
}
