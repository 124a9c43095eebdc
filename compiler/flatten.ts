// Applies rule factories (submount, subdomain, endpointPrefix) the way Werkzeug does: each rule
// inside is copied with `Rule.empty()`, which keeps most options but drops `websocket` and
// `mergeSlashes`. That loss is Werkzeug's behaviour; the analysis warns where it bites.
import type { DeclNode, FlatRule } from "./model.js";
import { trimEndChars } from "../runtime/text/trim.js";

export interface FlattenedRule extends FlatRule {
  /** Options the factory copy dropped (for a warning). */
  dropped?: Array<"websocket" | "mergeSlashes">;
  /** Characters that submounts put in front of the written rule string (to map columns back). */
  prefixLength?: number;
}

export function flattenRules(nodes: readonly DeclNode[]): FlattenedRule[] {
  const out: FlattenedRule[] = [];
  for (const node of nodes) {
    if (node.kind === "rule") {
      out.push(Object.assign({ rule: node.path, span: node.span, pathSpan: node.pathSpan }, node.options));
      continue;
    }
    for (const inner of flattenRules(node.rules)) {
      const copy = emptyCopy(inner);
      if (node.kind === "submount") {
        const prefix = trimEndChars(node.path, "/");
        copy.rule = prefix + copy.rule;
        copy.prefixLength = (copy.prefixLength ?? 0) + prefix.length;
      } else if (node.kind === "subdomain") copy.subdomain = node.subdomain;
      else copy.endpoint = node.prefix + (copy.endpoint ?? "");
      out.push(copy);
    }
  }
  return out;
}

function emptyCopy(rule: FlattenedRule): FlattenedRule {
  const { websocket, mergeSlashes, ...kept } = rule;
  const dropped = [...(rule.dropped ?? [])];
  if (websocket) dropped.push("websocket");
  if (mergeSlashes !== undefined) dropped.push("mergeSlashes");
  const copy: FlattenedRule = { ...kept };
  if (dropped.length) copy.dropped = [...new Set(dropped)];
  return copy;
}
