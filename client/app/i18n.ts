// Bahasa Indonesia first, English second. The language comes from `?lang=` (a wall's URL
// fixes it), else the visitor's last choice, else Indonesian; a change is written back to
// the URL so a reload or a copied link keeps it.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGS, type Lang } from '../components/format.ts';
import en from './locales/en.json' with { type: 'json' };
import id from './locales/id.json' with { type: 'json' };

const STORAGE_KEY = 'pantau.lang';

const isLang = (v: string | null | undefined): v is Lang => LANGS.some((l) => l === v);

export function pickLang(search: string, stored: string | null): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  return isLang(stored) ? stored : 'id';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(lang: Lang): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A kiosk without storage still has the URL.
  }
  const url = new URL(window.location.href);
  if (url.searchParams.get('lang') !== lang) {
    url.searchParams.set('lang', lang);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
}

export function initI18n(): i18n {
  const lng = pickLang(window.location.search, readStored());
  void i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng,
    fallbackLng: 'id',
    supportedLngs: [...LANGS],
    interpolation: { escapeValue: false },
    // Resources are bundled, so init can finish before the first render.
    initAsync: false,
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (lang) => {
    if (isLang(lang)) remember(lang);
  });
  return i18next;
}
