// Values of the cross-origin isolation headers (Werkzeug 3.1's `COEP` and `COOP` enums).

/** Cross-Origin-Embedder-Policy values. */
export const COEP = Object.freeze({
  UNSAFE_NONE: "unsafe-none",
  REQUIRE_CORP: "require-corp",
} as const);
export type COEP = (typeof COEP)[keyof typeof COEP];

/** Cross-Origin-Opener-Policy values. */
export const COOP = Object.freeze({
  UNSAFE_NONE: "unsafe-none",
  SAME_ORIGIN_ALLOW_POPUPS: "same-origin-allow-popups",
  SAME_ORIGIN: "same-origin",
} as const);
export type COOP = (typeof COOP)[keyof typeof COOP];
