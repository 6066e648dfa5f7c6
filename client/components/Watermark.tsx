// Demo mode must be unmistakable without hiding a figure: a faint diagonal mark over the
// whole screen that lets clicks through, plus a solid badge for the header.
import { useTranslation } from 'react-i18next';

export function Watermark() {
  const { t } = useTranslation();
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark">
      <span>{t('demo.watermark')}</span>
    </div>
  );
}

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="demo-badge" data-testid="demo-badge">
      {t('demo.watermark')}
    </span>
  );
}
