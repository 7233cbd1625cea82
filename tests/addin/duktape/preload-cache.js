/* As if the clerk had connected once before going offline: a token and the cached units. */
localStorage.setItem("thads.settings", JSON.stringify({ serverUrl: "", token: "offline-token" }));
localStorage.setItem("thads.units", JSON.stringify({
  units: [{ code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parentCode: "52", path: "/VN/52/52-01/", reporting: true, validFrom: "2019-10-01", validTo: null, successorCode: null }],
  ancestors: [{ code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parentCode: "VN", path: "/VN/52/", reporting: false, validFrom: "2019-10-01", validTo: null, successorCode: null }]
}));
