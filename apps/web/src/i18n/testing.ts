import i18next, { type TFunction } from 'i18next';
import en from './en.json';
import type { Language } from './index.ts';
import zhCN from './zh-CN.json';

/** A translation function over the app's own strings, for tests of code that writes sentences. */
export async function testTranslation(language: Language): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
