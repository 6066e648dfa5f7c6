// /replay: pick a past moment, a speed and a wall page; the wall then plays that moment forward
// (`/wall?replay=…&speed=…`). Operators and executives only: the server refuses other roles,
// and the wall says so in its replay badge.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCity } from '../../api/use-city.ts';
import { toIsoWithOffset } from '../../components/city-time.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { REPLAY_SPEEDS, replayHref } from '../../live/replay-params.ts';
import { WALL_PAGES } from '../wall/playlist.ts';
import { cityLocalToMs, msToCityLocal } from './replay-form.ts';
import '../common/desk.css';

const HOUR_MS = 3_600_000;

export function ReplayPage() {
  const { t } = useTranslation();
  const { city } = useCity();
  const timeZone = city?.timezone ?? 'Asia/Jakarta';
  const [moment, setMoment] = useState(() => msToCityLocal(Date.now() - HOUR_MS, timeZone));
  const [speed, setSpeed] = useState<number>(10);
  const [page, setPage] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ms = cityLocalToMs(moment, timeZone);
    if (ms === null || ms > Date.now()) return setInvalid(true);
    window.location.assign(replayHref({ fromMs: ms, speed }, toIsoWithOffset(ms, timeZone), page === '' ? '' : `page=${page}`));
  };

  return (
    <div className="view view--signin theme-light" data-testid="view-replay">
      <form className="signin" onSubmit={submit}>
        <div className="signin-top">
          <h1>{t('replay.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('replay.intro')}</p>
        <label className="signin-label" htmlFor="replay-moment">
          {t('replay.moment')} {city?.timezoneLabel ?? ''}
        </label>
        <input
          id="replay-moment"
          className="signin-input"
          type="datetime-local"
          step={1}
          value={moment}
          data-testid="replay-moment"
          onChange={(e) => {
            setMoment(e.target.value);
            setInvalid(false);
          }}
        />
        <label className="signin-label" htmlFor="replay-speed">
          {t('replay.speedLabel')}
        </label>
        <select id="replay-speed" className="signin-input" value={speed} data-testid="replay-speed" onChange={(e) => setSpeed(Number(e.target.value))}>
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('replay.speed', { speed: s })}
            </option>
          ))}
        </select>
        <label className="signin-label" htmlFor="replay-page">
          {t('replay.page')}
        </label>
        <select id="replay-page" className="signin-input" value={page} data-testid="replay-page" onChange={(e) => setPage(e.target.value)}>
          <option value="">{t('replay.allPages')}</option>
          {WALL_PAGES.map((p) => (
            <option key={p} value={p}>
              {t(`pages.${p}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn--primary" data-testid="replay-start">
          {t('replay.start')}
        </button>
        {invalid ? (
          <p className="error" role="alert">
            {t('replay.invalid')}
          </p>
        ) : null}
      </form>
    </div>
  );
}
