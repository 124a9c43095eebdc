// The page served while there is no working app process: the app failed to start (or crashed)
// and no earlier version is running. It names the error and the file, shows the lines around
// it, and is replaced by the app as soon as a save fixes it.
import { readFileSync } from "node:fs";
import type { ErrorReport } from "./messages.js";

const CONTEXT_LINES = 5;

export function renderErrorPage(report: ErrorReport, heading: string): string {
  const where =
    report.file === undefined
      ? ""
      : `<p class="where">${escapeHtml(report.file)}${report.line === undefined ? "" : `:${report.line}${report.column === undefined ? "" : `:${report.column}`}`}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${report.name}: ${firstLine(report.message)}`)} // wz dev</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.1em; color: #a00; } h2 { font-size: 1.4em; }
.where { font-family: monospace; }
pre { background: #f4f4f4; padding: 1em; overflow: auto; }
.hl { background: #fdd; display: inline-block; width: 100%; }
</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<h2>${escapeHtml(report.name)}: ${escapeHtml(report.message)}</h2>
${where}
${sourceContext(report)}
<pre>${escapeHtml(report.stack)}</pre>
<p>The dev server reloads on the next save.</p>
</body>
</html>
`;
}

function sourceContext(report: ErrorReport): string {
  if (report.file === undefined || report.line === undefined) return "";
  let lines: string[];
  try {
    lines = readFileSync(report.file, "utf8").split(/\r?\n/);
  } catch {
    return "";
  }
  const first = Math.max(1, report.line - CONTEXT_LINES);
  const last = Math.min(lines.length, report.line + CONTEXT_LINES);
  const width = String(last).length;
  const shown: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = `${String(n).padStart(width)} | ${escapeHtml(lines[n - 1]!)}`;
    shown.push(n === report.line ? `<span class="hl">${text}</span>` : text);
  }
  return `<pre>${shown.join("\n")}</pre>`;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
