/**
 * "Cài đặt": the server's address and the access token, stored per Windows user; a check of the
 * connection (which also fetches the units and forms, once); what this Excel can do.
 */
import type { UnitDto } from "../../../shared/api/schemas";
import { capabilityHeadline, capabilityLines } from "../core/capabilities-text";
import { saveSettings, type Settings } from "../core/settings";
import { byId, h, replaceChildren, setBusy } from "./dom";
import type { Pane } from "./pane";

export class SettingsTab {
  /** `saved` hands the new settings to the shell; `connected` runs once the token is known good. */
  constructor(
    private readonly p: Pane,
    private readonly saved: (s: Settings) => void,
    private readonly connected: () => void,
  ) {}

  render(): void {
    const { d } = this.p;
    const current = this.p.settings();
    const panel = byId("panel-settings");
    const url = h("input", { id: "settings-url", type: "url", value: current.serverUrl, placeholder: d.pageOrigin }) as HTMLInputElement;
    const token = h("input", { id: "settings-token", type: "password", value: current.token, autocomplete: "off" }) as HTMLInputElement;
    const save = h("button", { type: "button", id: "settings-save", className: "btn btn-primary" }, "Lưu và kiểm tra kết nối");
    const status = h("div", { id: "settings-status", className: "status" });
    save.onclick = () => {
      const r = saveSettings(d.store, { serverUrl: url.value, token: token.value });
      this.saved(r.settings);
      url.value = r.settings.serverUrl;
      setBusy(save, true, "Đang kiểm tra…");
      this.testConnection(status, r.stored).then(() => setBusy(save, false), () => setBusy(save, false));
    };
    replaceChildren(panel,
      h("h2", null, "Cài đặt"),
      h("p", { className: "hint" }, "Lưu riêng cho người dùng Windows này, trên máy này."),
      h("label", { "for": "settings-url" }, "Địa chỉ máy chủ"),
      url,
      h("p", { className: "hint" }, "Để trống để dùng máy chủ đã cung cấp ngăn tác vụ này (" + d.pageOrigin + ")."),
      h("label", { "for": "settings-token" }, "Mã truy cập"),
      token,
      h("div", { className: "actions" }, save),
      status,
      d.store.persistent ? null : h("p", { className: "warn" }, "Máy này không cho lưu dữ liệu lâu dài: cài đặt và hàng đợi sẽ mất khi đóng ngăn tác vụ."),
      h("h3", null, "Khả năng của Excel này"),
      h("p", null, capabilityHeadline(this.p.caps)),
      h("ul", { id: "caps", className: "caps" },
        capabilityLines(this.p.caps).map((l) => h("li", { className: l.available ? "cap-yes" : "cap-no" }, (l.available ? "✓ " : "✗ ") + l.text))),
    );
  }

  /** The server's health, then the units and forms in one round (they decide the tabs: Bảng so sánh for province and national staff). */
  private testConnection(status: HTMLElement, stored: boolean): Promise<void> {
    replaceChildren(status, "");
    const notStored = stored ? null : h("p", { className: "warn" }, "Bộ nhớ của Excel đã đầy: cài đặt chỉ dùng được đến khi đóng ngăn tác vụ. Hãy nhờ cán bộ tin học xóa dữ liệu duyệt web của máy này.");
    return this.p.api.health().then((hres) => {
      if (!hres.ok) {
        this.p.noteNetwork(false, true);
        replaceChildren(status, h("p", { className: "err" }, "Không kết nối được máy chủ: " + hres.message.vi), notStored);
        return;
      }
      return this.p.refreshReference(false).then((r) => {
        if (!r.units.ok) {
          replaceChildren(status, h("p", { className: "err" }, r.units.message.vi), notStored);
          return;
        }
        const own = r.units.data.units.filter((x) => x.reporting);
        replaceChildren(status,
          h("p", { className: "ok" }, "Kết nối tốt. " + (own.length === 1 ? "Đơn vị: " + (own[0] as UnitDto).name + " (" + (own[0] as UnitDto).code + ")." : own.length + " đơn vị báo cáo.")),
          notStored);
        this.p.notice("");
        this.connected();
      });
    });
  }
}
