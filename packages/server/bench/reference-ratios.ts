/** The figures the peer targets are stated against, by their path in the bench's JSON. */
const FIGURES = [
  'relaySaturate.deliveredPerSec',
  'relaySaturate.serverCpuUsPerMsg',
  'relayPaced.latencyMs.p99',
  'offline.storePerSec',
  'offline.drainPerSec',
  'ramp.connsPerSec',
  'ramp.serverKbPerConn',
] as const;

function at(result: unknown, dotted: string): number | undefined {
  let v: unknown = result;
  for (const key of dotted.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * KidTalk's figure over the reference relay's, per figure, from one sitting: the target reads
 * `relaySaturate.deliveredPerSec` ≥ 0.6. A figure either run lacks, or a zero reference, is
 * left out rather than reported as a ratio it is not.
 */
export function ofReference(ours: unknown, reference: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const figure of FIGURES) {
    const a = at(ours, figure);
    const b = at(reference, figure);
    if (a !== undefined && b !== undefined && b !== 0)
      out[figure] = Math.round((a / b) * 100) / 100;
  }
  return out;
}
