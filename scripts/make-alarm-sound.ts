// Writes client/components/alarm.wav, the desk's and the wall's alarm: two falling tones, then
// a pause, so that played on a loop it reads as a repeating "ding-dong" and not a drone. It is
// synthesised here (no recording, no licence to carry) and committed; run it again only to change it:
//   node --import tsx scripts/make-alarm-sound.ts
import { writeFileSync } from 'node:fs';

const RATE = 11_025;
const tones = [
  { hz: 988, seconds: 0.2 }, // B5
  { hz: 0, seconds: 0.06 },
  { hz: 740, seconds: 0.28 }, // F#5
  { hz: 0, seconds: 0.66 },
];

const samples: number[] = [];
for (const { hz, seconds } of tones) {
  const n = Math.round(seconds * RATE);
  for (let i = 0; i < n; i++) {
    // 10 ms fades at both ends: no click at the loop point or between tones.
    const fade = Math.min(1, i / (0.01 * RATE), (n - i) / (0.01 * RATE));
    const v = hz === 0 ? 0 : Math.sin((2 * Math.PI * hz * i) / RATE) * 0.8 * fade;
    samples.push(Math.round(128 + v * 127));
  }
}

const header = Buffer.alloc(44);
header.write('RIFF', 0, 'ascii');
header.writeUInt32LE(36 + samples.length, 4);
header.write('WAVEfmt ', 8, 'ascii');
header.writeUInt32LE(16, 16); // PCM chunk size
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE, 28); // bytes per second (8-bit mono)
header.writeUInt16LE(1, 32); // block align
header.writeUInt16LE(8, 34); // bits per sample
header.write('data', 36, 'ascii');
header.writeUInt32LE(samples.length, 40);
const out = new URL('../client/components/alarm.wav', import.meta.url);
writeFileSync(out, Buffer.concat([header, Buffer.from(samples)]));
console.log(`wrote ${out.pathname}: ${samples.length} samples, ${(samples.length / RATE).toFixed(2)} s`);
