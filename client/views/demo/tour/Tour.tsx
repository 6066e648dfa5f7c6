// The guided tour: a spotlight on one part of the wall and a caption beside it, step by step.
// Keys (arrows, a clicker's PageDown/PageUp, Space) and the buttons move it; Esc ends it.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { AppsStep, MapStep, QueuesStep, WelcomeStep } from './IntroSteps.tsx';
import { KpiStep } from './KpiStep.tsx';
import { ReplicateStep } from './ReplicateStep.tsx';
import { ScenarioStep } from './ScenarioStep.tsx';
import { cardPlace, moveStep, TOUR_STEPS, type CardPlace, type Rect, type TourMove, type TourStepId } from './steps.ts';
import { useAnchorRect } from './use-anchor-rect.ts';
import { useTourKeys } from './use-tour-keys.ts';
import './tour.css';

function StepBody({ id }: { id: TourStepId }) {
  switch (id) {
    case 'welcome':
      return <WelcomeStep />;
    case 'queues':
      return <QueuesStep />;
    case 'map':
      return <MapStep />;
    case 'apps':
      return <AppsStep />;
    case 'scenario':
      return <ScenarioStep />;
    case 'kpis':
      return <KpiStep />;
    case 'replicate':
      return <ReplicateStep />;
  }
}

/** The caption's box for a place beside the spotlight, in pixels. */
function cardStyle(place: CardPlace, rect: Rect | null): CSSProperties {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const gap = 1.5 * rem;
  const vw = window.innerWidth;
  if (rect === null || place === 'center') return {};
  if (place === 'right') {
    const left = rect.left + rect.width + gap;
    return { left, top: Math.max(gap, rect.top), width: Math.min(44 * rem, vw - left - gap) };
  }
  if (place === 'left') {
    const width = Math.min(44 * rem, rect.left - 2 * gap);
    return { left: rect.left - gap - width, top: Math.max(gap, rect.top), width };
  }
  return { top: rect.top + rect.height + gap, left: '50%', transform: 'translateX(-50%)', width: Math.min(64 * rem, vw - 2 * gap) };
}

function spotStyle(rect: Rect | null): CSSProperties {
  if (rect === null) return { top: '50%', left: '50%', width: 0, height: 0, borderWidth: 0 };
  const pad = 6;
  return { top: rect.top - pad, left: rect.left - pad, width: rect.width + 2 * pad, height: rect.height + 2 * pad };
}

export function Tour({ onEnd }: { onEnd: () => void }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const step = TOUR_STEPS[index] ?? TOUR_STEPS[0];
  const rect = useAnchorRect(step?.anchors ?? []);
  const nextRef = useRef<HTMLButtonElement>(null);
  const count = TOUR_STEPS.length;
  const move = (m: TourMove) => {
    const next = moveStep(index, m, count);
    if (next === null) onEnd();
    else setIndex(next);
  };
  useTourKeys(move);
  // Keyboard focus follows the tour, so a screen reader reads each caption as it opens.
  useEffect(() => nextRef.current?.focus(), [index]);
  if (!step) return null;
  const place = cardPlace(rect, { width: window.innerWidth, height: window.innerHeight }, step.side);
  const last = index === count - 1;
  return (
    <div className="tour theme-dark" data-testid="tour" data-step={step.id}>
      <div className={`tour-spot${rect === null ? ' tour-spot--none' : ''}`} style={spotStyle(rect)} aria-hidden="true" />
      <section
        className={`tour-card tour-card--${place}`}
        style={cardStyle(place, rect)}
        role="dialog"
        aria-modal="false"
        aria-labelledby="tour-title"
        data-testid={`tour-step-${index + 1}`}
        data-step={step.id}
      >
        <div className="tour-progress fig" data-testid="tour-progress">
          {t('tour.progress', { n: index + 1, count })}
        </div>
        <h2 id="tour-title" className="tour-title">
          {t(`tour.${step.id}.title`)}
        </h2>
        <div className="tour-body">
          <StepBody id={step.id} />
        </div>
        <div className="tour-nav">
          <button type="button" className="btn" data-testid="tour-prev" disabled={index === 0} onClick={() => move('prev')}>
            ← {t('tour.prev')}
          </button>
          <button ref={nextRef} type="button" className="btn btn--tour" data-testid="tour-next" onClick={() => move('next')}>
            {last ? t('tour.finish') : t('tour.next')} →
          </button>
          <button type="button" className="btn btn--quiet tour-end" data-testid="tour-end" onClick={onEnd}>
            {t('tour.end')}
          </button>
        </div>
        <p className="tour-keys">{t('tour.keys')}</p>
      </section>
    </div>
  );
}
