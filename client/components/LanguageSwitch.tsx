// ID | EN. The choice is written to the URL and storage by app/i18n.ts.
import { useTranslation } from 'react-i18next';
import { LANGS } from './format.ts';
import { useLang } from './use-lang.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLang();
  return (
    <span className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      {LANGS.map((lang, i) => (
        <span key={lang}>
          {i > 0 ? <span className="lang-sep">|</span> : null}
          <button
            type="button"
            className={`lang-btn${lang === current ? ' lang-btn--on' : ''}`}
            aria-pressed={lang === current}
            data-testid={`lang-${lang}`}
            onClick={() => void i18n.changeLanguage(lang)}
          >
            {t(`lang.${lang}`)}
          </button>
        </span>
      ))}
    </span>
  );
}
