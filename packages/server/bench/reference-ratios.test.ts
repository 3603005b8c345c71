import { describe, expect, it } from 'vitest';
import { ofReference } from './reference-ratios.js';

describe('ofReference', () => {
  it('divides each figure by the reference relay’s, to two places', () => {
    const ours = { relaySaturate: { deliveredPerSec: 20_000, serverCpuUsPerMsg: 45 } };
    const reference = { relaySaturate: { deliveredPerSec: 30_000, serverCpuUsPerMsg: 18 } };
    expect(ofReference(ours, reference)).toEqual({
      'relaySaturate.deliveredPerSec': 0.67,
      'relaySaturate.serverCpuUsPerMsg': 2.5,
    });
  });

  it('leaves out a figure that is missing, not a number, or divided by zero', () => {
    const ours = {
      relayPaced: { latencyMs: { p99: 7 } },
      offline: { storePerSec: 1000, drainPerSec: 'n/a' },
      ramp: { connsPerSec: 900 },
    };
    const reference = {
      relayPaced: { latencyMs: { p99: 5 } },
      offline: { storePerSec: 0, drainPerSec: 3 },
    };
    expect(ofReference(ours, reference)).toEqual({ 'relayPaced.latencyMs.p99': 1.4 });
  });
});
