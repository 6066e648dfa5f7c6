// The waiting helpers other tests lean on: they must resolve as soon as the thing happens,
// give up with a message naming what they waited for, and leave no listener behind.
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Delta } from '../../shared/contract/views.ts';
import { nextEvent, times, waitFor, WaitTimeoutError } from '../support/wait.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('waitFor', () => {
  it('resolves with the first value that is not false, null or undefined', async () => {
    let calls = 0;
    const value = await waitFor(() => {
      calls += 1;
      return calls === 3 ? { calls } : calls === 1 ? null : false;
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('accepts 0 and the empty string as values', async () => {
    expect(await waitFor(() => 0)).toBe(0);
    expect(await waitFor(() => '')).toBe('');
  });

  it('retries after a throw and after a rejected promise', async () => {
    let calls = 0;
    const value = await waitFor(async () => {
      calls += 1;
      if (calls === 1) throw new Error('not yet');
      if (calls === 2) return Promise.reject(new Error('still not'));
      expect(calls).toBe(3);
      return true;
    });
    expect(value).toBe(true);
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(
      waitFor(() => { throw new Error('queue still empty'); }, { timeoutMs: 30, what: 'a waiting call' }),
    ).rejects.toThrow(/timed out after 30 ms waiting for a waiting call \(last error: queue still empty\)/);
  });

  it('times out with the last value', async () => {
    await expect(waitFor(() => false, { timeoutMs: 20 })).rejects.toThrow(/last value: false/);
  });

  it('times out even when the condition never settles', async () => {
    const error = await waitFor(() => new Promise<boolean>(() => undefined), { timeoutMs: 30, what: 'a reply' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(String(error)).toMatch(/waiting for a reply \(its last call never settled\)/);
  });

  it('keeps real time under fake timers', async () => {
    vi.useFakeTimers();
    let calls = 0;
    await expect(waitFor(() => ++calls >= 3, { timeoutMs: 1_000 })).resolves.toBe(true);
  });
});

describe('nextEvent', () => {
  it('resolves with the first argument of the next event and removes its listener', async () => {
    const emitter = new EventEmitter();
    const next = nextEvent<{ n: number }>(emitter, 'delta');
    emitter.emit('delta', { n: 1 }, 'second argument');
    emitter.emit('delta', { n: 2 });
    await expect(next).resolves.toEqual({ n: 1 });
    expect(emitter.listenerCount('delta')).toBe(0);
  });

  it('skips events that do not pass the filter', async () => {
    const emitter = new EventEmitter();
    const next = nextEvent<number>(emitter, 'delta', { filter: (n) => n > 1 });
    for (const n of [0, 1, 2, 3]) emitter.emit('delta', n);
    await expect(next).resolves.toBe(2);
  });

  it('rejects after the timeout with the event name and removes its listener', async () => {
    const emitter = new EventEmitter();
    await expect(nextEvent(emitter, 'snapshot', { timeoutMs: 20 })).rejects.toThrow('no "snapshot" event within 20 ms');
    expect(emitter.listenerCount('snapshot')).toBe(0);
  });

  it('takes the payload type from a typed socket.io-client socket', async () => {
    // autoConnect: false, so nothing is dialled; the socket only serves as a typed emitter.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io('http://127.0.0.1:9', { autoConnect: false });
    const next = nextEvent(socket, 'delta', { timeoutMs: 10 });
    expectTypeOf(next).resolves.toEqualTypeOf<Delta>();
    await expect(next).rejects.toThrow(WaitTimeoutError);
    expect(socket.hasListeners('delta')).toBe(false);
    socket.close();
  });
});

describe('times', () => {
  it('resolves wait() once called exactly n times, forwarding the arguments', async () => {
    const seen: string[] = [];
    const cb = times(3, (s: string) => seen.push(s));
    const waited = cb.wait();
    cb('a');
    cb('b');
    expect(cb.count).toBe(2);
    cb('c');
    await expect(waited).resolves.toBeUndefined();
    await expect(cb.wait()).resolves.toBeUndefined();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('throws at the caller on call n+1 and fails wait()', async () => {
    const cb = times(1, undefined, 'delta listener');
    cb();
    expect(() => cb()).toThrow('delta listener called 2 times, expected 1');
    await expect(cb.wait()).rejects.toThrow('delta listener called 2 times, expected 1');
  });

  it('says how far it got when wait() times out', async () => {
    const cb = times(3);
    cb();
    cb();
    await expect(cb.wait(20)).rejects.toThrow('callback called 2 of 3 times within 20 ms');
  });
});
