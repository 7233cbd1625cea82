import { NONCE, secureHeaders } from "hono/secure-headers";
import type { MiddlewareHandler } from "hono";

/**
 * Security headers on every answer the Worker's code gives. The task pane's static files are
 * answered by the assets binding without running this code: their headers come from
 * addin/public/_headers (copied into addin/dist by the build), see docs/DEPLOY.md.
 *
 * The API answers JSON, CSV and .xlsx that no browser should render as a page: a policy that
 * allows nothing, may not be framed, and is not sniffed as another type. `overwrite: false`
 * lets a page (the download page) keep the policy it set for itself.
 */
export function apiSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    strictTransportSecurity: "max-age=31536000",
    overwrite: false,
  });
}

/**
 * The download page (/tai-ve): its own inline script and style run (one nonce per answer, set
 * on both tags), nothing else does; it fetches only this origin; it cannot be framed, since
 * it holds a token. Office.js is not needed there.
 */
export function pageSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [NONCE],
      styleSrc: [NONCE],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    strictTransportSecurity: "max-age=31536000",
  });
}
