/** 32-bit FNV-1a hashing for feature hashing: strings and character ranges, continued from a seed. */

export const FNV_OFFSET = 0x811c9dc5;

/** Mixes one UTF-16 code unit into an FNV-1a state. */
export function fnvStep(state: number, unit: number): number {
  return Math.imul(state ^ unit, 0x01000193) >>> 0;
}

/** FNV-1a of `text`, continued from `seed` (default: the FNV offset basis). */
export function fnvString(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** A final avalanche (murmur3's fmix32) so that the low bits used as a bucket depend on every input bit. */
export function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
