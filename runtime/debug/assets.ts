// The page's stylesheet and script, served by the debugger itself (no CDN, nothing inline, so
// the page's Content-Security-Policy can forbid every other script). The script builds every
// piece of text with textContent: nothing the server or the user sends becomes markup.

export const STYLE_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --bg: #fff; --panel: #f6f8fa; --line: #d0d7de; --accent: #b3261e; --app: #0b5394; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main.debugger { max-width: 1100px; margin: 0 auto; padding: 20px 24px 40px; }
header { border-bottom: 1px solid var(--line); margin-bottom: 12px; }
h1.error-name { color: var(--accent); font-size: 22px; margin: 0 0 4px; }
p.error-message { font: 16px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; margin: 0 0 12px; }
p.explanation { color: var(--muted); margin: 8px 0 16px; }
section.error h2, section.plain h2 { font-size: 15px; margin: 18px 0 8px; }
section.error h2 em { color: var(--muted); font-weight: normal; }
ol.frames { list-style: none; margin: 0; padding: 0; }
li.frame { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: var(--bg); overflow: hidden; }
li.frame.app { border-left: 4px solid var(--app); }
li.frame.library, li.frame.internal { opacity: .85; }
.frame-head { padding: 6px 10px; background: var(--panel); display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.frame-head .function { font-weight: 600; }
.frame-head .file { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
.badge { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
button { font: inherit; font-size: 12px; border: 1px solid var(--line); background: var(--bg); border-radius: 4px; padding: 1px 8px; cursor: pointer; }
button.open-console { margin-left: auto; }
pre.source { margin: 0; padding: 6px 0; font: 12px/1.5 ui-monospace, monospace; overflow-x: auto; }
pre.source .line, pre.source .caret { display: block; padding: 0 10px; white-space: pre; }
pre.source .number { color: var(--muted); user-select: none; }
pre.source .current { background: #fff1f0; }
pre.source .caret { color: var(--accent); font-weight: bold; background: #fff1f0; }
pre.source mark { background: #ffd6d2; color: inherit; }
li.library-run details summary { color: var(--muted); cursor: pointer; padding: 4px 0; }
.console { border-top: 1px solid var(--line); background: #fbfbfb; font: 12px/1.5 ui-monospace, monospace; }
section.standalone .console { border: 1px solid var(--line); border-radius: 6px; }
.console .output { padding: 6px 10px 0; white-space: pre-wrap; word-break: break-word; max-height: 420px; overflow-y: auto; }
.console .echo { color: var(--muted); }
.console .log { color: #57606a; }
.console .error { color: var(--accent); }
.console .expand { margin-left: 6px; font-size: 11px; padding: 0 4px; }
.console form { display: flex; gap: 6px; padding: 4px 10px 8px; align-items: flex-start; }
.console .prompt { color: var(--app); padding-top: 2px; }
.console textarea { flex: 1; font: inherit; border: none; background: transparent; resize: none; outline: none; min-height: 1.5em; }
section.plain textarea { width: 100%; font: 12px/1.4 ui-monospace, monospace; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.pin-dialog { position: fixed; inset: 0; background: rgba(0,0,0,.35); display: flex; align-items: center; justify-content: center; }
.pin-dialog[hidden] { display: none; }
.pin-form { background: var(--bg); border-radius: 8px; padding: 16px 20px; max-width: 480px; box-shadow: 0 8px 30px rgba(0,0,0,.25); }
.pin-form h2 { margin: 0 0 6px; font-size: 17px; }
.pin-message { color: var(--accent); min-height: 1.2em; margin: 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; border-top: 1px solid var(--line); padding-top: 8px; }
`;

export const DEBUGGER_JS = `"use strict";
(() => {
  const body = document.body;
  const settings = {
    evalex: body.dataset.evalex === "true",
    secret: body.dataset.secret || "",
    pinRequired: body.dataset.pinRequired === "true",
  };
  // Full URLs, built from this page's own location: commands go to the host the page came from.
  const commandUrl = new URL(location.pathname + "?__debugger__=yes", location.href).href;

  async function command(payload) {
    const response = await fetch(commandUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(Object.assign({ s: settings.secret }, payload)),
    });
    let data;
    try { data = await response.json(); } catch { data = { error: "the server answered " + response.status }; }
    if (!response.ok && data.error === undefined) data.error = "the server answered " + response.status;
    return data;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- PIN -------------------------------------------------------------------------------
  const dialog = document.querySelector(".pin-dialog");
  const pinForm = dialog.querySelector("form");
  const pinInput = dialog.querySelector("input.pin");
  const pinMessage = dialog.querySelector(".pin-message");
  let afterUnlock = null;

  function unlocked(then) {
    if (!settings.pinRequired) return then();
    afterUnlock = then;
    dialog.hidden = false;
    pinInput.focus();
    command({ cmd: "printpin" });
  }

  pinForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    pinMessage.textContent = "Checking...";
    const answer = await command({ cmd: "pinauth", pin: pinInput.value });
    if (answer.auth) {
      settings.pinRequired = false;
      dialog.hidden = true;
      pinMessage.textContent = "";
      const then = afterUnlock;
      afterUnlock = null;
      if (then) then();
    } else if (answer.exhausted) {
      pinMessage.textContent = "Too many failed attempts: the console stays locked. Restart the server to retry.";
      pinForm.querySelector("button[type=submit]").disabled = true;
    } else {
      pinMessage.textContent = answer.error || "Incorrect PIN.";
      pinInput.select();
    }
  });
  dialog.querySelector(".pin-cancel").addEventListener("click", () => {
    dialog.hidden = true;
    afterUnlock = null;
  });

  // ---- consoles --------------------------------------------------------------------------
  function openConsole(container, consoleId) {
    const existing = container.querySelector(":scope > .console");
    if (existing) {
      existing.hidden = !existing.hidden;
      if (!existing.hidden) existing.querySelector("textarea").focus();
      return;
    }
    const root = element("div", "console");
    const output = element("div", "output");
    const form = element("form");
    const input = element("textarea");
    input.rows = 1;
    input.spellcheck = false;
    input.setAttribute("aria-label", "Console input");
    input.placeholder = "JavaScript; dump() lists the variables here";
    form.append(element("span", "prompt", ">"), input);
    root.append(output, form);
    container.append(root);
    const history = [];
    let position = 0;

    function show(className, text) {
      const line = element("div", className, text);
      output.append(line);
      output.scrollTop = output.scrollHeight;
      return line;
    }

    async function run(code) {
      history.push(code);
      position = history.length;
      show("echo", "> " + code);
      input.value = "";
      input.rows = 1;
      input.disabled = true;
      const answer = await command({ cmd: "eval", console: consoleId, code });
      input.disabled = false;
      input.focus();
      for (const line of answer.output || []) show("log", line);
      if (answer.error !== undefined) show("error", answer.error);
      else if (answer.result !== undefined) {
        const line = show("result", answer.result.short);
        if (answer.result.full !== undefined) {
          const toggle = element("button", "expand", "expand");
          toggle.type = "button";
          let expanded = false;
          toggle.addEventListener("click", () => {
            expanded = !expanded;
            line.firstChild.textContent = expanded ? answer.result.full : answer.result.short;
            toggle.textContent = expanded ? "collapse" : "expand";
          });
          line.append(toggle);
        }
      }
    }

    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        if (input.value.trim() !== "") run(input.value);
      } else if (event.key === "ArrowUp" && input.selectionStart === 0 && position > 0) {
        event.preventDefault();
        input.value = history[--position];
      } else if (event.key === "ArrowDown" && input.selectionEnd === input.value.length && position < history.length) {
        event.preventDefault();
        position += 1;
        input.value = position === history.length ? "" : history[position];
      }
    });
    input.addEventListener("input", () => { input.rows = Math.min(12, input.value.split("\\n").length); });
    form.addEventListener("submit", (event) => event.preventDefault());
    input.focus();
  }

  if (settings.evalex) {
    for (const button of document.querySelectorAll("button.open-console")) {
      const frame = button.closest("li.frame");
      button.addEventListener("click", () => unlocked(() => openConsole(frame, frame.dataset.console)));
    }
    const standalone = document.querySelector("section.standalone");
    if (standalone && body.dataset.console) unlocked(() => openConsole(standalone, body.dataset.console));
  }

  // ---- plain text ------------------------------------------------------------------------
  const copy = document.querySelector("section.plain button.copy");
  if (copy) {
    copy.addEventListener("click", async () => {
      const text = document.querySelector("section.plain textarea");
      text.select();
      try {
        await navigator.clipboard.writeText(text.value);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Selected: press Ctrl+C";
      }
    });
  }
})();
`;
