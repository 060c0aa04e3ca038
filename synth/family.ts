// The synthesis family of a part (hls/parts): the Yosys flow that maps to its primitives.
import type { Part } from '../hls/index.js';
import type { SynthFamily } from './stat.js';

const BY_FAMILY = { ultrascale_plus: 'xcup', series7: 'xc7', ecp5: 'ecp5', ice40: 'ice40' } as const satisfies Record<Part['family']['id'], SynthFamily>;

export function familyOfPart(part: Part): SynthFamily {
  return BY_FAMILY[part.family.id];
}
