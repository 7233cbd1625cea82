import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { errorJson } from "./responses";

describe("api shell", () => {
  it("refuses an API call without a token, in Vietnamese and English", async () => {
    const res = await SELF.fetch("https://x/api/v1/units");
    expect(res.status).toBe(401);
    const body = await errorJson(res);
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message.vi).toContain("mã truy cập");
    expect(body.requestId).toBeTruthy();
  });
});
