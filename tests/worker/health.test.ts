import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("api shell", () => {
  it("refuses an API call without a token, in Vietnamese and English", async () => {
    const res = await SELF.fetch("https://x/api/v1/units");
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: { vi: string; en: string } }; requestId: string };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message.vi).toContain("mã truy cập");
    expect(body.requestId).toBeTruthy();
  });
});
