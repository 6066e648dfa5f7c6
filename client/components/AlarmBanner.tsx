// The alarm of a screen: a flashing banner naming each ringing alert (octagon + the word
// "KRITIS", never colour alone), the looping sound's <audio> element, the "sound off" badge
// when the browser refused to play, and on the desk the mute with its "muted until".
import type { RefObject } from 'react';
import alarmUrl from './alarm.wav';
import { CriticalIcon } from './icons.tsx';
import './alarm.css';

export interface AlarmItem {
  id: string;
  text: string;
}

export interface AlarmLabels {
  title: string;
  ack: string;
  mute: string;
  unmute: string;
  /** "muted until 14:10", already formatted; null when not muted. */
  mutedUntil: string | null;
  soundOff: string;
  soundOffHint: string;
  more: (n: number) => string;
}

export interface AlarmBannerProps {
  items: readonly AlarmItem[];
  sound: 'off' | 'idle' | 'playing' | 'blocked' | 'muted';
  /** Whether the <audio> element plays now (data-audio, for whoever checks a screen). */
  playing: boolean;
  audioRef: RefObject<HTMLAudioElement | null>;
  labels: AlarmLabels;
  variant: 'wall' | 'desk';
  /** Desk only: the mute and the acknowledgement. */
  onMute?: () => void;
  onUnmute?: () => void;
  onAck?: (id: string) => void;
  max?: number;
}

export function AlarmBanner({ items, sound, playing, audioRef, labels, variant, onMute, onUnmute, onAck, max = 3 }: AlarmBannerProps) {
  const ringing = items.length > 0;
  return (
    <div className={`alarm alarm--${variant}`} data-testid="alarm" data-ringing={ringing ? 'true' : 'false'} data-sound={sound} data-audio={playing ? 'playing' : 'paused'}>
      <audio ref={audioRef} src={alarmUrl} loop preload="auto" data-testid="alarm-audio" />
      {ringing ? (
        <section className="alarm-banner alarm-flash" role="alert" data-testid="alarm-banner">
          <span className="alarm-title">
            <CriticalIcon /> {labels.title}
          </span>
          <ul className="alarm-items">
            {items.slice(0, max).map((i) => (
              <li key={i.id} data-testid={`alarm-item-${i.id}`}>
                <span className="alarm-text">{i.text}</span>
                {onAck ? (
                  <button type="button" className="btn alarm-ack" data-testid={`alarm-ack-${i.id}`} onClick={() => onAck(i.id)}>
                    {labels.ack}
                  </button>
                ) : null}
              </li>
            ))}
            {items.length > max ? <li className="alarm-more">{labels.more(items.length - max)}</li> : null}
          </ul>
        </section>
      ) : null}
      {variant === 'desk' && (onMute || onUnmute) ? (
        <div className="alarm-mute" data-testid="alarm-mute">
          {labels.mutedUntil !== null ? (
            <>
              <span className="alarm-muted" data-testid="alarm-muted-until">
                <SpeakerOffIcon /> {labels.mutedUntil}
              </span>
              <button type="button" className="btn btn--quiet" data-testid="alarm-unmute" onClick={onUnmute}>
                {labels.unmute}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--quiet" data-testid="alarm-mute-button" onClick={onMute}>
              <SpeakerOffIcon /> {labels.mute}
            </button>
          )}
        </div>
      ) : null}
      {sound === 'blocked' ? (
        <div className="alarm-sound-off" data-testid="sound-off" title={labels.soundOffHint}>
          <SpeakerOffIcon /> <b>{labels.soundOff}</b> <span className="alarm-sound-hint">{labels.soundOffHint}</span>
        </div>
      ) : null}
    </div>
  );
}

/** A speaker with a cross: sound off (shape beside the word). */
function SpeakerOffIcon() {
  return (
    <svg width="1em" height="1em" viewBox="0 0 24 24" aria-hidden focusable={false} className="icon icon-sound-off">
      <path d="M3 9h4l5-4v14l-5-4H3Z" fill="currentColor" />
      <path d="m15 9 6 6m0-6-6 6" stroke="currentColor" strokeWidth="2.2" fill="none" />
    </svg>
  );
}
