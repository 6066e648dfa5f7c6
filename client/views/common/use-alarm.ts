// The alarm of a screen: which critical alerts ring, the sound (a bundled file on a loop while
// anything rings and the screen is not muted) and whether the browser refused to play it.
//
// Browsers refuse sound before a user gesture. A desk gets one with the first click; a wall has
// no keyboard, so its kiosk browser must be started with Chromium's
// `--autoplay-policy=no-user-gesture-required` (docs/operations.md). To tell the installer at
// once, and not only when an alarm rings, the screen tries a silent play when it opens.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AlertView } from '../../../shared/contract/views.ts';
import { useNow } from '../../components/use-now.ts';
import { MUTE_MS, readMutedUntil, ringingAlerts, writeMutedUntil } from './alarm.ts';

export type SoundState = 'off' | 'idle' | 'playing' | 'blocked' | 'muted';

export interface Alarm {
  ringing: AlertView[];
  sound: SoundState;
  /** The <audio> element is playing now (its own events say so). */
  playing: boolean;
  mutedUntil: number | null;
  audioRef: RefObject<HTMLAudioElement | null>;
  mute(): void;
  unmute(): void;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function refused(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'NotAllowedError';
}

/** `withSound` false: the screen flashes but never plays (the public demo). */
export function useAlarm(alerts: readonly AlertView[], withSound: boolean): Alarm {
  const ringing = useMemo(() => ringingAlerts(alerts), [alerts]);
  const now = useNow();
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [mutedUntil, setMutedUntil] = useState<number | null>(() => readMutedUntil(storage(), Date.now()));
  const [blocked, setBlocked] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const muted = mutedUntil !== null && mutedUntil > now;
  const wanted = withSound && ringing.length > 0 && !muted;
  const wantedRef = useRef(wanted);
  useEffect(() => {
    wantedRef.current = wanted;
  }, [wanted]);

  useEffect(() => {
    const a = audioRef.current;
    if (!a) return;
    const on = (): void => setPlaying(true);
    const off = (): void => setPlaying(false);
    a.addEventListener('playing', on);
    a.addEventListener('pause', off);
    return () => {
      a.removeEventListener('playing', on);
      a.removeEventListener('pause', off);
    };
  }, []);

  // The silent probe when the screen opens.
  useEffect(() => {
    const a = audioRef.current;
    if (!a || !withSound) return;
    a.volume = 0;
    a.play().then(
      () => {
        if (!wantedRef.current) {
          a.pause();
          a.currentTime = 0;
        }
        a.volume = 1;
        setBlocked(false);
      },
      (err: unknown) => {
        a.volume = 1;
        if (refused(err)) setBlocked(true);
      },
    );
  }, [withSound]);

  useEffect(() => {
    const a = audioRef.current;
    if (!a) return;
    if (!wanted) {
      a.pause();
      a.currentTime = 0;
      return;
    }
    a.volume = 1;
    a.play().then(
      () => setBlocked(false),
      (err: unknown) => {
        if (refused(err)) setBlocked(true);
      },
    );
  }, [wanted, attempt]);

  // Refused: the next click or key on this screen is the gesture that allows it.
  useEffect(() => {
    if (!blocked || !withSound) return;
    const retry = (): void => setAttempt((n) => n + 1);
    window.addEventListener('pointerdown', retry, { once: true });
    window.addEventListener('keydown', retry, { once: true });
    return () => {
      window.removeEventListener('pointerdown', retry);
      window.removeEventListener('keydown', retry);
    };
  }, [blocked, withSound]);

  const sound: SoundState = !withSound ? 'off' : blocked ? 'blocked' : muted ? 'muted' : playing && wanted ? 'playing' : 'idle';
  return {
    ringing,
    sound,
    playing,
    mutedUntil: muted ? mutedUntil : null,
    audioRef,
    mute: () => {
      const until = Date.now() + MUTE_MS;
      writeMutedUntil(storage(), until);
      setMutedUntil(until);
    },
    unmute: () => {
      writeMutedUntil(storage(), null);
      setMutedUntil(null);
    },
  };
}
