// /signin: paste a token; it is checked with GET /api/v1/whoami before it is kept, then the
// person lands on their role's view.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/contract/views.ts';
import { saveToken } from '../../api/credentials.ts';
import { ApiError, fetchWhoAmI } from '../../api/http.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { navigate } from '../../components/navigation.ts';
import '../common/desk.css';

const HOME: Record<Role, string> = { operator: '/operator', executive: '/executive', display: '/wall', presenter: '/demo', demo: '/demo' };

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'invalid' }
  | { state: 'ingest' }
  | { state: 'failed'; reason: string };

export function SignInPage() {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = token.trim();
    if (value === '') return;
    setCheck({ state: 'checking' });
    try {
      const who = await fetchWhoAmI(value);
      // An ingest key is a credential too, but it opens no view: keeping it would only mislead.
      if (!('role' in who)) return setCheck({ state: 'ingest' });
      saveToken(value);
      navigate(HOME[who.role]);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) setCheck({ state: 'invalid' });
      else setCheck({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="view view--signin theme-light" data-testid="view-signin">
      <form className="signin" onSubmit={(e) => void submit(e)}>
        <div className="signin-top">
          <h1>{t('signin.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('signin.intro')}</p>
        <label className="signin-label" htmlFor="signin-token">
          {t('signin.token')}
        </label>
        <input
          id="signin-token"
          className="signin-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          data-testid="signin-token"
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="btn btn--primary" disabled={check.state === 'checking'} data-testid="signin-submit">
          {check.state === 'checking' ? t('signin.checking') : t('signin.submit')}
        </button>
        {check.state === 'invalid' ? (
          <p className="error" role="alert" data-testid="signin-error">
            {t('signin.invalid')}
          </p>
        ) : null}
        {check.state === 'ingest' ? (
          <p className="error" role="alert" data-testid="signin-error">
            {t('signin.ingestKey')}
          </p>
        ) : null}
        {check.state === 'failed' ? (
          <p className="error" role="alert" data-testid="signin-error">
            {t('signin.failed', { reason: check.reason })}
          </p>
        ) : null}
        <button type="button" className="btn btn--link" onClick={() => navigate('/demo')}>
          {t('signin.demo')}
        </button>
      </form>
    </div>
  );
}
