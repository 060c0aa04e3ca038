// A VCD waveform of the schedule's timeline: one `busy` wire per layer and the number of samples in
// flight, one time unit per clock cycle. Viewers (GTKWave, Surfer) open it as is.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { TimelineSpan } from '../../reports/index.js';

/** VCD identifiers: printable ASCII from '!' in base 94. */
function identifier(index: number): string {
  let text = '';
  let n = index;
  do {
    text += String.fromCharCode(33 + (n % 94));
    n = Math.floor(n / 94);
  } while (n > 0);
  return text;
}

/** VCD text for the spans; `layers` in the order to list them (each name a wire). */
export function timelineVcd(layers: readonly string[], spans: readonly TimelineSpan[], clockPeriodNs: number, date: string): string {
  const ids = new Map(layers.map((layer, index) => [layer, identifier(index + 1)]));
  const inFlight = identifier(0);
  // Per cycle: change in busy count per layer, and in samples in flight.
  const events = new Map<number, Map<string, number>>();
  const bump = (cycle: number, key: string, delta: number): void => {
    const at = events.get(cycle) ?? new Map<string, number>();
    at.set(key, (at.get(key) ?? 0) + delta);
    events.set(cycle, at);
  };
  const firstStart = new Map<number, number>();
  const lastEnd = new Map<number, number>();
  for (const span of spans) {
    bump(span.startCycle, span.layer, 1);
    bump(span.endCycle, span.layer, -1);
    firstStart.set(span.sample, Math.min(firstStart.get(span.sample) ?? Infinity, span.startCycle));
    lastEnd.set(span.sample, Math.max(lastEnd.get(span.sample) ?? 0, span.endCycle));
  }
  for (const [sample, start] of firstStart) {
    bump(start, '', 1);
    bump(lastEnd.get(sample) ?? start, '', -1);
  }
  const lines = [
    `$date ${date} $end`,
    '$version ngt synth (schedule timeline) $end',
    `$comment one time unit per clock cycle of ${clockPeriodNs} ns $end`,
    '$timescale 1ns $end',
    '$scope module model $end',
    `$var integer 32 ${inFlight} samples_in_flight $end`,
    ...layers.map((layer) => `$var wire 1 ${ids.get(layer) ?? '?'} ${layer.replace(/[^A-Za-z0-9_]/g, '_')}_busy $end`),
    '$upscope $end',
    '$enddefinitions $end',
  ];
  const busy = new Map<string, number>();
  let flight = 0;
  const cycles = [...new Set([0, ...events.keys()])].sort((a, b) => a - b);
  for (const cycle of cycles) {
    lines.push(`#${Math.round(cycle * clockPeriodNs)}`);
    const changes = events.get(cycle) ?? new Map<string, number>();
    if (cycle === 0 || changes.has('')) {
      flight += changes.get('') ?? 0;
      lines.push(`b${flight.toString(2)} ${inFlight}`);
    }
    for (const layer of layers) {
      const before = busy.get(layer) ?? 0;
      const after = before + (changes.get(layer) ?? 0);
      busy.set(layer, after);
      if (cycle === 0 || (before > 0) !== (after > 0)) lines.push(`${after > 0 ? 1 : 0}${ids.get(layer) ?? '?'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function writeVcd(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
