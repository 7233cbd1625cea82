/**
 * Submission ids: UUID v4 from the platform's cryptographic generator. The id makes a
 * retry idempotent on the server, so two ids must never collide: Math.random is not
 * good enough. IE11 exposes the generator as `msCrypto`.
 */
import { bytes } from "./native";

export type RandomFill = (bytes: Uint8Array) => void;

interface CryptoLike {
  getRandomValues(bytes: Uint8Array): Uint8Array;
}

/** The host's generator, or null when there is none (then submitting is impossible). */
export function platformRandom(scope: unknown = typeof window !== "undefined" ? window : undefined): RandomFill | null {
  const g = scope as { crypto?: CryptoLike; msCrypto?: CryptoLike } | undefined;
  const c = g ? g.crypto || g.msCrypto : undefined;
  if (!c || typeof c.getRandomValues !== "function") return null;
  return (bytes) => {
    c.getRandomValues(bytes);
  };
}

const HEX = "0123456789abcdef";

export function uuidv4(fill: RandomFill | null = platformRandom()): string {
  if (!fill) throw new Error("No cryptographic random generator (crypto.getRandomValues / msCrypto)");
  const b = bytes(16);
  fill(b);
  // RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  let out = "";
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
    const v = b[i] as number;
    out += HEX.charAt(v >> 4) + HEX.charAt(v & 15);
  }
  return out;
}
