import { describe, expect, it } from "vitest";
import { tokenExpiryNotice } from "../../addin/src/core/token-expiry";

const LAST_DAY_END = "2027-11-01T16:59:59.999Z"; // 23:59:59.999 on 01/11/2027 in Hà Nội
const at = (iso: string) => Date.parse(iso);

describe("the pane's warning before a token expires", () => {
  it("says nothing while more than 30 days are left, or for a token without expiry", () => {
    expect(tokenExpiryNotice({ expiresAt: LAST_DAY_END }, at("2027-09-30T10:00:00Z"))).toBeNull();
    expect(tokenExpiryNotice({ expiresAt: null }, at("2027-10-31T10:00:00Z"))).toBeNull();
    expect(tokenExpiryNotice(undefined, at("2027-10-31T10:00:00Z"))).toBeNull();
  });

  it("warns 30 days before, counting days in Vietnam, and names the last day", () => {
    expect(tokenExpiryNotice({ expiresAt: LAST_DAY_END }, at("2027-10-02T03:00:00Z"))?.vi).toBe(
      "Mã truy cập hết hạn sau 30 ngày (hết ngày 01/11/2027). Liên hệ THADS tỉnh để được cấp mã mới trước ngày đó.",
    );
    // 18:00 UTC on 31 October is already 1 November in Hà Nội: the last day itself
    expect(tokenExpiryNotice({ expiresAt: LAST_DAY_END }, at("2027-10-31T18:00:00Z"))?.en).toBe(
      "The access token expires today (last day 01/11/2027). Ask your province for a new one before then.",
    );
  });

  it("says it has expired once the last day is over", () => {
    expect(tokenExpiryNotice({ expiresAt: LAST_DAY_END }, at("2027-11-02T01:00:00Z"))?.vi).toContain("đã hết hạn ngày 01/11/2027");
  });
});
