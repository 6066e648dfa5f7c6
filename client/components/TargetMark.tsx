// A figure against its target: a shape and a word for its state (shared/kpi/target-state.ts),
// coloured too but never by colour alone: ✓ good, ! warning, ✕ bad. No arrow: arrows on the
// screens say which way a figure moved since the period before, never where it stands.
import { useTranslation } from 'react-i18next';
import { targetState, type Better, type TargetState } from '../../shared/kpi/target-state.ts';

interface TargetMarkProps {
  value: number | null | undefined;
  target: number | null | undefined;
  better?: Better;
  /** Shown after the mark, e.g. "target 95 %". */
  targetText?: string;
  testId?: string;
  /** Spell out the verdict ("tidak memenuhi target") beside the shape, not only in its tooltip. */
  showWord?: boolean;
}

export const TARGET_GLYPH: Readonly<Record<TargetState, string>> = { good: '✓', warning: '!', bad: '✕' };

/** The MetricCard tone of a figure's state. */
export function targetTone(value: number | null | undefined, target: number | null | undefined, better: Better = 'higher'): 'normal' | 'warning' | 'critical' {
  const s = targetState(value, target, better);
  return s === 'bad' ? 'critical' : s === 'warning' ? 'warning' : 'normal';
}

export function TargetMark({ value, target, better = 'higher', targetText, testId, showWord = false }: TargetMarkProps) {
  const { t } = useTranslation();
  const state = targetState(value, target, better);
  if (state === null) {
    return targetText ? <span className="target target--none">{targetText}</span> : null;
  }
  const word = t(`kpi.state.${state}`);
  return (
    <span className={`target target--${state}`} data-testid={testId} data-state={state} data-off-target={state !== 'good'} title={word}>
      <span className="target-glyph" aria-label={word}>
        {TARGET_GLYPH[state]}
      </span>
      {showWord ? <span className="target-word">{word}</span> : null}
      {targetText ? <span className="target-text">{targetText}</span> : null}
    </span>
  );
}
