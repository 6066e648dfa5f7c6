// The alarm of the wall and the desk, wired to the live alerts and the words of the language.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmBanner, type AlarmItem } from '../../components/AlarmBanner.tsx';
import { formatShortTime } from '../../components/format.ts';
import { ackAlert } from '../../live/connection.ts';
import { useLive } from '../../live/store.ts';
import { queueSubject, useAlertFigure } from './alert-text.ts';
import { useAlarm } from './use-alarm.ts';
import { subjectName, useSubjectNames } from './use-subject-names.ts';

interface ScreenAlarmProps {
  variant: 'wall' | 'desk';
  /** False on the public demo: it flashes, it does not play. */
  withSound: boolean;
  canAck?: boolean;
  timeZone: string;
}

export function ScreenAlarm({ variant, withSound, canAck = false, timeZone }: ScreenAlarmProps) {
  const { t } = useTranslation();
  const byId = useLive((s) => s.data.alerts);
  const alerts = useMemo(() => Object.values(byId), [byId]);
  const names = useSubjectNames();
  const alarm = useAlarm(alerts, withSound);
  const figureOf = useAlertFigure();
  const items: AlarmItem[] = alarm.ringing.map((a) => {
    const what = queueSubject(a, t) ?? `${t(`alerts.kind.${a.kind}`)} · ${subjectName(a, names)}`;
    const figure = figureOf(a);
    return { id: a.alertId, text: figure === null ? what : `${what} · ${figure}` };
  });
  return (
    <AlarmBanner
      items={items}
      sound={alarm.sound}
      playing={alarm.playing}
      audioRef={alarm.audioRef}
      variant={variant}
      labels={{
        title: t('alarm.title'),
        ack: t('alerts.ack'),
        mute: t('alarm.mute'),
        unmute: t('alarm.unmute'),
        mutedUntil: alarm.mutedUntil === null ? null : t('alarm.mutedUntil', { time: formatShortTime(new Date(alarm.mutedUntil), timeZone) }),
        soundOff: t('alarm.soundOff'),
        soundOffHint: t(variant === 'wall' ? 'alarm.soundOffWall' : 'alarm.soundOffDesk'),
        more: (n) => t('alarm.more', { n }),
      }}
      {...(variant === 'desk' && withSound ? { onMute: alarm.mute, onUnmute: alarm.unmute } : {})}
      {...(canAck ? { onAck: (id: string) => void ackAlert(id) } : {})}
    />
  );
}
