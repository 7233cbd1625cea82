import { createHash } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The stored form of a bearer token: the same SHA-256 hex digest as worker/src/auth.ts hashToken. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

/**
 * A stable id shaped like a UUID (version 5 / RFC 4122 variant bits) derived from a name,
 * so that regenerating the demo gives the same ids and a retry with the same id is a replay.
 */
export function uuidFromName(name: string): string {
  const h = sha256Hex("thads-demo:" + name).split("");
  h[12] = "5";
  h[16] = "89ab"[parseInt(h[16] as string, 16) % 4] as string;
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** A deterministic 32-bit number for a name: demo seeds and demo events hash their names. */
export function hash32(name: string): number {
  return parseInt(sha256Hex(name).slice(0, 8), 16);
}

/** A deterministic number in [0, 1) for a named event ("late:52-01:2025-11"). */
export function unitInterval(name: string): number {
  return hash32(name) / 0x100000000;
}
