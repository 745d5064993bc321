// Security headers on every response (Hono's secureHeaders): nosniff, no-referrer, a CSP that allows only this
// origin and no framing at all, HSTS (ignored by browsers over plain http). `overwrite: false`: a route that needs
// its own policy (the unsubscribe page's inline style, the pixel's cross-origin embedding) sets it and keeps it.
import { createHash } from "node:crypto";
import { secureHeaders } from "hono/secure-headers";

/** The CSP of the API and of every page without its own: this origin only, never framed, no plugins, no <base>. */
export const DEFAULT_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  // No includeSubDomains: other hosts of the operator's domain are not ours to pin to https.
  strictTransportSecurity: "max-age=15552000",
  overwrite: false,
});

/**
 * The tracking routes' headers, as a constant: they answer without middleware (the pixel is the hottest route). The
 * pixel and the click are embedded in and followed from other sites' pages: cross-origin resource policy, and
 * nothing to frame or run.
 */
export const TRACKING_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

/** A CSP source for one inline <style> element's exact text. */
export const styleHash = (css: string) => `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
