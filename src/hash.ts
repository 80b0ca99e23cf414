/**
 * @module
 * One hash for stable ids and ETags: 64-bit FNV-1a over the UTF-8 bytes of a string (the published algorithm,
 * so its test vectors hold). Quote ids (scripts/extract/merge.ts) and API ETags (src/routes/cache.ts) use it.
 */

const encoder = new TextEncoder()

/** 64-bit FNV-1a of a string's UTF-8 bytes, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n
  for (const byte of encoder.encode(text)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn
  return h.toString(16).padStart(16, '0')
}
