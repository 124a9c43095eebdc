// Content-Security-Policy (Werkzeug `ContentSecurityPolicy`): directive -> value, with a
// property per directive; setting null removes it. Changes call `onUpdate`.

import { CallbackDict } from "./callback-dict.js";

const DIRECTIVES = {
  baseUri: "base-uri",
  childSrc: "child-src",
  connectSrc: "connect-src",
  defaultSrc: "default-src",
  fontSrc: "font-src",
  formAction: "form-action",
  frameAncestors: "frame-ancestors",
  frameSrc: "frame-src",
  imgSrc: "img-src",
  manifestSrc: "manifest-src",
  mediaSrc: "media-src",
  navigateTo: "navigate-to",
  objectSrc: "object-src",
  prefetchSrc: "prefetch-src",
  pluginTypes: "plugin-types",
  reportTo: "report-to",
  reportUri: "report-uri",
  sandbox: "sandbox",
  scriptSrc: "script-src",
  scriptSrcAttr: "script-src-attr",
  scriptSrcElem: "script-src-elem",
  styleSrc: "style-src",
  styleSrcAttr: "style-src-attr",
  styleSrcElem: "style-src-elem",
  workerSrc: "worker-src",
} as const;

export type DirectiveProperties = { -readonly [K in keyof typeof DIRECTIVES]: string | null };

export interface ContentSecurityPolicy extends DirectiveProperties {}

export class ContentSecurityPolicy extends CallbackDict<string> {
  /** False only when built from `null` (no header at all). */
  readonly provided: boolean;

  constructor(values: Iterable<readonly [string, string]> | Readonly<Record<string, string>> | null = [], onUpdate?: (csp: ContentSecurityPolicy) => void) {
    super(values, onUpdate as (dict: CallbackDict<string>) => void);
    this.provided = values !== null;
  }

  /** Splits at `;`, then at the first space; directives without a value are dropped. */
  static fromHeader(value: string | null | undefined, onUpdate?: (csp: ContentSecurityPolicy) => void): ContentSecurityPolicy {
    if (value == null) return new ContentSecurityPolicy([], onUpdate);
    const items: [string, string][] = [];
    for (const raw of value.split(";")) {
      const policy = raw.trim();
      const space = policy.indexOf(" ");
      if (space === -1) continue;
      items.push([policy.slice(0, space).trim(), policy.slice(space + 1).trim()]);
    }
    return new ContentSecurityPolicy(items, onUpdate);
  }

  /** `default-src 'self'; img-src *`. */
  toHeader(): string {
    return Array.from(this, ([key, value]) => `${key} ${value}`).join("; ");
  }

  override toString(): string {
    return this.toHeader();
  }
}

for (const [property, directive] of Object.entries(DIRECTIVES)) {
  Object.defineProperty(ContentSecurityPolicy.prototype, property, {
    get(this: ContentSecurityPolicy) {
      return this.get(directive) ?? null;
    },
    set(this: ContentSecurityPolicy, value: string | null | undefined) {
      if (value == null) this.delete(directive);
      else this.set(directive, value);
    },
    configurable: true,
  });
}
