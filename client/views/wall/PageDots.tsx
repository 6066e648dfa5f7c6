// Where the playlist is: one dot per page, the current one filled and named.
import { useTranslation } from 'react-i18next';
import type { WallPage } from './playlist.ts';

export function PageDots({ pages, current }: { pages: readonly WallPage[]; current: WallPage }) {
  const { t } = useTranslation();
  if (pages.length < 2) return null;
  return (
    <ol className="page-dots" aria-label={t(`pages.${current}`)}>
      {pages.map((p) => (
        <li key={p} className={`page-dot${p === current ? ' page-dot--on' : ''}`} data-testid={`page-dot-${p}`} aria-current={p === current}>
          {p === current ? <span className="page-dot-name">{t(`pages.${p}`)}</span> : null}
        </li>
      ))}
    </ol>
  );
}
