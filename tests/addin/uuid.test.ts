import { describe, expect, it } from "vitest";
import { platformRandom, uuidv4 } from "../../addin/src/core/uuid";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("submission ids", () => {
  it("are RFC 4122 version 4 UUIDs, as the Worker's z.uuid() demands", () => {
    const random = platformRandom(globalThis);
    for (let i = 0; i < 200; i++) expect(uuidv4(random)).toMatch(V4);
  });

  it("sets the version and variant bits whatever the random bytes are", () => {
    expect(uuidv4((b) => b.fill(0xff))).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(uuidv4((b) => b.fill(0))).toBe("00000000-0000-4000-8000-000000000000");
  });

  it("uses IE11's msCrypto when there is no crypto", () => {
    let used = false;
    const ie11 = { msCrypto: { getRandomValues: (b: Uint8Array) => ((used = true), b.fill(7)) } };
    const id = uuidv4(platformRandom(ie11));
    expect(used).toBe(true);
    expect(id).toMatch(V4);
  });

  it("refuses to make an id without a cryptographic generator rather than risk a collision", () => {
    expect(platformRandom({})).toBeNull();
    expect(() => uuidv4(null)).toThrow(/getRandomValues/);
  });

  it("does not repeat", () => {
    const random = platformRandom(globalThis);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(uuidv4(random));
    expect(seen.size).toBe(1000);
  });
});
