// The three forms of an error page: HTML for browsers, plain text (curl), JSON (a client that
// prefers it). Every piece of the error and of the source is escaped on its way into the HTML
// (Werkzeug's CVE-2016-10516 was one message that was not); the page runs only the debugger's
// own script (a Content-Security-Policy forbids anything else).
import { escapeHtml } from "../dev/error-page.js";
import type { ErrorView, FrameView } from "./traceback.js";

export const ASSET_PREFIX = "?__debugger__=yes&cmd=resource&f=";

/** No inline script or style, nothing from elsewhere, no framing, no form posts. */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

export interface PageSettings {
  /** Consoles offered (evalex on, trusted Host, capture working). */
  evalex: boolean;
  secret: string;
  /** The PIN must be entered before a console runs anything. */
  pinRequired: boolean;
  /** Console id per frame. */
  consoleIds: Map<FrameView, string>;
  /** Why frames have no console although evalex is on (an inspector is attached...). */
  note?: string;
}

export function tracebackText(errors: ErrorView[]): string {
  return errors
    .map((error) => {
      if (error.relation.kind === "cause") return `\nCaused by: ${error.text}`;
      if (error.relation.kind === "member") return `\n[errors[${error.relation.index}]]: ${error.text}`;
      return error.text;
    })
    .join("\n");
}

export function tracebackJson(errors: ErrorView[]): unknown {
  return {
    errors: errors.map((error) => ({
      name: error.name,
      message: error.message,
      relation: error.relation,
      frames: error.frames
        .filter((frame) => !frame.hidden)
        .map((frame) => ({
          function: frame.functionName,
          file: frame.file,
          line: frame.located ? frame.line : null,
          column: frame.located ? frame.column : null,
          async: frame.async,
          kind: frame.kind,
        })),
    })),
    text: tracebackText(errors),
  };
}

export function tracebackHtml(errors: ErrorView[], settings: PageSettings, showHiddenFrames: boolean): string {
  const root = errors[0]!;
  const firstLine = root.message.split("\n")[0] ?? "";
  const sections = errors.map((error) => errorSection(error, settings, showHiddenFrames)).join("\n");
  const explanation = settings.evalex
    ? "The app raised this error while handling the request. Frames with a console button ran when it was thrown: their console evaluates code against their live variables, in the server process."
    : "The app raised this error while handling the request.";
  return page(
    `${root.name}: ${firstLine}`,
    settings,
    "",
    `
<header>
<h1 class="error-name">${escapeHtml(root.name)}</h1>
<p class="error-message">${escapeHtml(root.message)}</p>
</header>
<p class="explanation">${escapeHtml(explanation)}${settings.note === undefined ? "" : ` <em>${escapeHtml(settings.note)}</em>`}</p>
${sections}
<section class="plain">
<h2>Plain text <button type="button" class="copy">Copy</button></h2>
<textarea readonly spellcheck="false" rows="12">${escapeHtml(tracebackText(errors))}</textarea>
</section>`,
  );
}

export function consolePageHtml(settings: PageSettings, consoleId: string): string {
  return page(
    "Console",
    settings,
    ` data-console="${escapeHtml(consoleId)}"`,
    `
<header>
<h1 class="error-name">Interactive console</h1>
<p class="error-message">Code typed here runs in the server process. <code>app</code> is the application.</p>
</header>
<section class="standalone"></section>`,
  );
}

function page(title: string, settings: PageSettings, attributes: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} // wz debugger</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(`${ASSET_PREFIX}style.css`)}">
<script src="${escapeHtml(`${ASSET_PREFIX}debugger.js`)}" defer></script>
</head>
<body data-evalex="${settings.evalex}" data-secret="${escapeHtml(settings.secret)}" data-pin-required="${settings.pinRequired}"${attributes}>
<main class="debugger">${body}
<footer>wz debugger &middot; the traceback and its consoles stay in the server's memory for the last 50 errors</footer>
</main>
<div class="pin-dialog" hidden>
<form class="pin-form">
<h2>Console locked</h2>
<p>The console is locked and needs to be unlocked by entering the PIN. You can find the PIN printed out on the standard output of your shell that runs the server.</p>
<p><label>PIN: <input type="text" name="pin" class="pin" autocomplete="off" inputmode="numeric"></label> <button type="submit">Confirm PIN</button> <button type="button" class="pin-cancel">Cancel</button></p>
<p class="pin-message" role="alert"></p>
</form>
</div>
</body>
</html>
`;
}

function errorSection(error: ErrorView, settings: PageSettings, showHiddenFrames: boolean): string {
  let heading: string;
  if (error.relation.kind === "root") heading = "Traceback <em>(most recent call first)</em>";
  else if (error.relation.kind === "cause") heading = `Caused by <code>${escapeHtml(error.name)}</code>: ${escapeHtml(error.message)}`;
  else heading = `<code>errors[${error.relation.index}]</code> of ${error.relation.of}: <code>${escapeHtml(error.name)}</code>: ${escapeHtml(error.message)}`;
  const frames = error.frames.filter((frame) => showHiddenFrames || !frame.hidden);
  const items: string[] = [];
  // Runs of library frames fold into one line the reader can open.
  for (let i = 0; i < frames.length; ) {
    if (frames[i]!.kind === "app") {
      items.push(frameItem(frames[i]!, settings));
      i++;
      continue;
    }
    let end = i;
    while (end < frames.length && frames[end]!.kind !== "app") end++;
    const run = frames
      .slice(i, end)
      .map((frame) => frameItem(frame, settings))
      .join("\n");
    const count = end - i;
    items.push(
      `<li class="library-run"><details><summary>${count} library frame${count === 1 ? "" : "s"}</summary><ol class="frames">${run}</ol></details></li>`,
    );
    i = end;
  }
  const empty = frames.length === 0 ? `<p class="no-frames">No stack trace.</p>` : "";
  return `<section class="error ${error.relation.kind}">
<h2>${heading}</h2>${empty}
<ol class="frames">
${items.join("\n")}
</ol>
</section>`;
}

function frameItem(frame: FrameView, settings: PageSettings): string {
  const id = settings.evalex ? settings.consoleIds.get(frame) : undefined;
  const where = frame.located ? `${frame.shownFile}:${frame.line}:${frame.column}` : frame.shownFile;
  const name = frame.functionName === "" ? "<anonymous>" : frame.functionName;
  const button = id === undefined ? "" : ` <button type="button" class="open-console" title="Open a console in this frame">console</button>`;
  const classes = ["frame", frame.kind, frame.async ? "async" : "", frame.hidden ? "hidden-frame" : ""].filter(Boolean).join(" ");
  return `<li class="${classes}"${id === undefined ? "" : ` data-console="${escapeHtml(id)}"`}>
<div class="frame-head">${frame.async ? `<span class="badge">async</span> ` : ""}<code class="function">${escapeHtml(name)}</code> <span class="file">${escapeHtml(where)}</span>${button}</div>${sourceBlock(frame)}
</li>`;
}

function sourceBlock(frame: FrameView): string {
  if (frame.context === undefined) return "";
  const { first, lines } = frame.context;
  const width = String(first + lines.length - 1).length;
  const rows = lines.map((text, index) => {
    const number = first + index;
    const gutter = String(number).padStart(width);
    if (number !== frame.line) return `<span class="line"><span class="number">${gutter}</span> ${escapeHtml(text)}</span>`;
    const column = Math.max(1, Math.min(frame.column, text.length + 1));
    const before = text.slice(0, column - 1);
    const marked = text.slice(column - 1, column) || " ";
    const after = text.slice(column);
    const caret = `${" ".repeat(width)} ${before.replace(/[^\t]/g, " ")}^`;
    return `<span class="line current"><span class="number">${gutter}</span> ${escapeHtml(before)}<mark>${escapeHtml(marked)}</mark>${escapeHtml(after)}</span><span class="caret">${caret}</span>`;
  });
  // Each line is a block of its own: no newline characters between them.
  return `\n<pre class="source">${rows.join("")}</pre>`;
}
