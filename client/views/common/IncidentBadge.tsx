// Priority as colour and as text (P1-P4), and the category in words.
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '../../../shared/contract/views.ts';

export function PriorityBadge({ priority }: { priority: IncidentView['priority'] }) {
  const { t } = useTranslation();
  const p = priority ?? 0;
  return <span className={`prio prio--${p}`}>{priority === null ? '–' : t('incident.priority', { n: priority })}</span>;
}

export function CategoryName({ category }: { category: IncidentView['category'] }) {
  const { t } = useTranslation();
  return <span className="category">{t(`category.${category ?? 'unknown'}`)}</span>;
}
