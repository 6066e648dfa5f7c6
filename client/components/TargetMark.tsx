// A figure against its target. ▼ means under the target, ▲ over it; the warning colour and a
// word mark the bad side (ui.md: service level under target is the warning colour with ▼).
// For ASA or response times lower is better, so there ▲ is the bad side.
import { useTranslation } from 'react-i18next';

interface TargetMarkProps {
  value: number | null | undefined;
  target: number | null | undefined;
  better?: 'higher' | 'lower';
  /** Shown after the mark, e.g. "target 95 %". */
  targetText?: string;
  testId?: string;
  /** Spell out the verdict ("di bawah target") beside the arrow, not only in its tooltip. */
  showWord?: boolean;
}

export function isOffTarget(value: number | null | undefined, target: number | null | undefined, better: 'higher' | 'lower' = 'higher'): boolean {
  if (value === null || value === undefined || target === null || target === undefined) return false;
  return better === 'higher' ? value < target : value > target;
}

export function TargetMark({ value, target, better = 'higher', targetText, testId, showWord = false }: TargetMarkProps) {
  const { t } = useTranslation();
  if (value === null || value === undefined || target === null || target === undefined) {
    return targetText ? <span className="target target--none">{targetText}</span> : null;
  }
  const under = value < target;
  const bad = isOffTarget(value, target, better);
  const word = better === 'higher' ? (bad ? t('kpi.under') : t('kpi.over')) : bad ? t('kpi.worse') : t('kpi.better');
  return (
    <span className={`target ${bad ? 'target--bad' : 'target--ok'}`} data-testid={testId} data-off-target={bad} title={word}>
      <span className="target-arrow" aria-label={word}>
        {under ? '▼' : '▲'}
      </span>
      {showWord ? <span className="target-word">{word}</span> : null}
      {targetText ? <span className="target-text">{targetText}</span> : null}
    </span>
  );
}
