// One line's queue on the wall: the longest wait now is the biggest figure on the screen.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Line } from '../../../shared/contract/events.ts';
import { useCity } from '../../api/use-city.ts';
import { formatCount, formatPercent, formatSeconds } from '../../components/format.ts';
import { MetricCard } from '../../components/MetricCard.tsx';
import { TargetMark, targetTone } from '../../components/TargetMark.tsx';
import { useLang } from '../../components/use-lang.ts';
import { agentCounts, waitingOnLine } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { LongestWait } from './LongestWait.tsx';
import { WaitingCallList } from './WaitingCallList.tsx';

export function QueueBoard({ line }: { line: Line }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  const waitingAll = useLive((s) => s.data.waiting);
  const agentsAll = useLive((s) => s.data.agents);
  const kpis = useLive((s) => s.data.kpis?.calls[line] ?? null);
  const kpiTargets = useLive((s) => s.data.kpis?.targets ?? null);
  const offsetMs = useLive((s) => s.clockOffsetMs);
  const waiting = useMemo(() => waitingOnLine(waitingAll, line), [waitingAll, line]);
  const agents = useMemo(() => agentCounts(agentsAll, line), [agentsAll, line]);
  const thresholds = city?.waits ?? null;
  const sl20Target = city?.targets.sl20 ?? kpiTargets?.sl20 ?? null;
  const count = (n: number | null) => formatCount(n, lang);
  const id = `queue-${line}`;

  return (
    <section className="queue" data-testid={id} aria-label={`${line} ${t(`line.${line}`)}`}>
      <header className="queue-head">
        <span className="queue-line">{line}</span>
        <span className="queue-name">{t(`line.${line}`)}</span>
        <MetricCard label={t('queue.waiting')} value={waiting.length} format={count} testId={`${id}-waiting`} size="lg" layout="inline" />
      </header>

      <LongestWait oldest={waiting[0] ?? null} offsetMs={offsetMs} thresholds={thresholds} testId={`${id}-longest`} />

      <div className="queue-metrics">
        <MetricCard label={t('queue.answered')} value={kpis?.answered} format={count} testId={`${id}-answered`} size="sm" />
        <MetricCard
          label={t('queue.abandoned')}
          title={t('queue.abandonedLong')}
          value={kpis?.abandoned}
          format={count}
          testId={`${id}-abandoned`}
          size="sm"
        />
        <MetricCard
          label={t('queue.asa')}
          title={t('queue.asaLong')}
          value={kpis?.asa}
          format={(v) => formatSeconds(v, lang)}
          testId={`${id}-asa`}
          size="sm"
        />
      </div>

      <MetricCard
        label={t('queue.sl', { t: 20 })}
        title={t('queue.slLong', { t: 20 })}
        value={kpis?.sl20}
        format={(v) => formatPercent(v, lang)}
        testId={`${id}-sl20`}
        size="sm"
        layout="inline"
        tone={targetTone(kpis?.sl20, sl20Target)}
      >
        <TargetMark
          value={kpis?.sl20}
          target={sl20Target}
          targetText={sl20Target === null ? '' : t('queue.target', { value: formatPercent(sl20Target, lang, 0) })}
          testId={`${id}-sl20-mark`}
        />
      </MetricCard>

      <div className="queue-agents" aria-label={t('agents.title')}>
        <MetricCard label={t('agents.available')} value={agents.available} format={count} testId={`${id}-agents-available`} size="sm" layout="inline" />
        <MetricCard
          label={t('agents.onCall')}
          title={t('agents.onCallLong')}
          value={agents.onCall}
          format={count}
          testId={`${id}-agents-on-call`}
          size="sm"
          layout="inline"
        />
        <MetricCard label={t('agents.paused')} value={agents.paused} format={count} testId={`${id}-agents-paused`} size="sm" layout="inline" />
      </div>

      <WaitingCallList calls={waiting} offsetMs={offsetMs} thresholds={thresholds} />
    </section>
  );
}
