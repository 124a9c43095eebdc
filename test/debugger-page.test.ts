// The debugger's traceback page, over a real socket: what it shows of an error (frames mapped
// to this .ts file through tsc's source maps, source context, causes, aggregates), in HTML,
// plain text and JSON, escaped, with its own assets, and only where it was turned on.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { debuggedApplication, DebuggedApplication, serve, Response, NotFound, type App, type Request, type WzServer } from "wz";
import { openPage, send } from "./support/debugger-client.js";

process.env.WZ_DEBUGGER_PIN = "123-456-789";
const THIS_FILE = new URL(import.meta.url).pathname.replace("/dist/test/", "/test/").replace(/\.js$/, ".ts");

interface Account {
  owner: string;
  balance: number;
}

async function withdraw(account: Account, amount: number): Promise<number> {
  await Promise.resolve();
  return checkBalance(account, amount);
}

function checkBalance(account: Account, amount: number): number {
  const remaining = account.balance - amount;
  if (remaining < 0) throw new RangeError(`${account.owner} cannot withdraw ${amount}`);
  return remaining;
}

async function failingApp(request: Request): Promise<Response> {
  switch (request.path) {
    case "/withdraw":
      return new Response(String(await withdraw({ owner: "ada", balance: 10 }, 25)));
    case "/xss":
      throw new Error(`<img src=x onerror="alert(1)"> & "quotes"`);
    case "/cause":
      try {
        JSON.parse("{oops");
      } catch (error) {
        throw new Error("settings are broken", { cause: error });
      }
      break;
    case "/aggregate":
      await Promise.any([withdraw({ owner: "bo", balance: 0 }, 1), Promise.reject(new TypeError("second"))]);
      break;
    case "/missing":
      throw new NotFound();
  }
  return new Response("fine");
}

const servers: WzServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function start(app: App): Promise<string> {
  const server = await serve(app, { port: 0, onError: () => {} });
  servers.push(server);
  return server.url;
}

const base = start(debuggedApplication(failingApp, { evalex: true }));

test("an error after an await becomes a 500 page naming the error, with each frame at its line in the .ts source", async () => {
  const page = await openPage(`${await base}/withdraw`);
  assert.equal(page.status, 500);
  assert.match(String(page.headers["content-type"]), /^text\/html/);
  assert.match(page.text, /<h1 class="error-name">RangeError<\/h1>/);
  assert.match(page.text, /<p class="error-message">ada cannot withdraw 25<\/p>/);
  const throwLine = page.text.match(/<code class="function">checkBalance<\/code> <span class="file">([^<]+)<\/span>/)?.[1];
  // tsc's source map leads from dist/test/*.js back to this file.
  assert.match(throwLine!, /test\/debugger-page\.test\.ts:24:\d+$/);
  assert.match(page.text, /<code class="function">withdraw<\/code>/);
  assert.match(page.text, /<span class="badge">async<\/span> <code class="function">failingApp<\/code>/);
  // The failing line is shown with the lines around it, the column marked.
  assert.match(page.text, /<span class="line current"><span class="number">24<\/span> {3}if \(remaining &#60; 0\) throw <mark>n<\/mark>ew RangeError/);
  assert.match(page.text, /<span class="number">19<\/span>/);
});

test("the frames that were on the stack at the throw get a console; a caller that awaited does not", async () => {
  const page = await openPage(`${await base}/withdraw`);
  assert.equal(page.evalex, true);
  assert.equal(page.consoles.length, 2);
  assert.match(page.text, /<li class="frame app" data-console="[^"]+">\n<div class="frame-head"><code class="function">checkBalance/);
  assert.doesNotMatch(page.text, /data-console="[^"]+">\n<div class="frame-head"><span class="badge">async/);
});

test("wz's own frames fold as library frames, and Node's internals are hidden", async () => {
  const page = await openPage(`${await base}/withdraw`);
  const frameList = page.text.slice(0, page.text.indexOf('<section class="plain">'));
  assert.doesNotMatch(frameList, /node:internal/);
  const sync = await openPage(`${await base}/cause`);
  assert.match(sync.text, /<li class="library-run"><details><summary>\d+ library frames?<\/summary>/);
  assert.match(sync.text, /runtime\/serving\/dispatch\.ts/);
});

test("the message, the source and the plain text are escaped", async () => {
  const page = await openPage(`${await base}/xss`);
  assert.equal(page.status, 500);
  assert.doesNotMatch(page.text, /<img src=x/);
  assert.match(page.text, /&#60;img src=x onerror=&#34;alert\(1\)&#34;&#62; &#38; &#34;quotes&#34;/);
  assert.match(String(page.headers["content-security-policy"]), /script-src 'self'/);
  assert.match(page.text, /<title>Error: &#60;img/);
});

test("a cause chain is shown error after error, in the page and the plain text", async () => {
  const page = await openPage(`${await base}/cause`);
  assert.match(page.text, /<h1 class="error-name">Error<\/h1>\n<p class="error-message">settings are broken<\/p>/);
  assert.match(page.text, /<section class="error cause">\n<h2>Caused by <code>SyntaxError<\/code>:/);
  const text = await send(`${await base}/cause`, { headers: { accept: "*/*" } });
  assert.match(text.text, /^Error: settings are broken\n {4}at failingApp \(.*debugger-page\.test\.ts:\d+:\d+\)/);
  assert.match(text.text, /\n\nCaused by: SyntaxError: .*JSON/);
});

test("each error of an AggregateError is shown with its own frames", async () => {
  const page = await openPage(`${await base}/aggregate`);
  assert.match(page.text, /<h1 class="error-name">AggregateError<\/h1>/);
  assert.match(page.text, /<code>errors\[0\]<\/code> of 2: <code>RangeError<\/code>: bo cannot withdraw 1/);
  assert.match(page.text, /<code>errors\[1\]<\/code> of 2: <code>TypeError<\/code>: second/);
  // The first member was thrown through checkBalance: its frames have consoles.
  assert.ok(page.consoles.length >= 1);
});

test("curl gets a plain-text traceback, a client preferring JSON gets JSON", async () => {
  const text = await send(`${await base}/withdraw`, { headers: { accept: "*/*" } });
  assert.equal(text.status, 500);
  assert.match(String(text.headers["content-type"]), /^text\/plain/);
  assert.match(text.text, /^RangeError: ada cannot withdraw 25\n {4}at checkBalance \(.*debugger-page\.test\.ts:24:\d+\)\n {4}at withdraw /);
  const json = await send(`${await base}/withdraw`, { headers: { accept: "application/json" } });
  assert.match(String(json.headers["content-type"]), /^application\/json/);
  const body = JSON.parse(json.text) as { errors: { name: string; frames: { function: string; file: string; line: number; kind: string }[] }[]; text: string };
  assert.equal(body.errors[0]!.name, "RangeError");
  assert.deepEqual(
    body.errors[0]!.frames.slice(0, 2).map((frame) => [frame.function, frame.file, frame.line, frame.kind]),
    [
      ["checkBalance", THIS_FILE, 24, "app"],
      ["withdraw", THIS_FILE, 19, "app"],
    ],
  );
});

test("an HTTPException is still the response it stands for", async () => {
  const answer = await send(`${await base}/missing`, { headers: { accept: "text/html" } });
  assert.equal(answer.status, 404);
  assert.doesNotMatch(answer.text, /wz debugger/);
});

test("the page's stylesheet and script come from the debugger itself", async () => {
  const page = await openPage(`${await base}/withdraw`);
  assert.match(page.text, /<script src="\?__debugger__=yes&#38;cmd=resource&#38;f=debugger\.js" defer><\/script>/);
  assert.doesNotMatch(page.text, /https?:\/\/(?!127)/);
  const script = await send(`${await base}/withdraw?__debugger__=yes&cmd=resource&f=debugger.js`);
  assert.equal(script.status, 200);
  assert.match(String(script.headers["content-type"]), /^text\/javascript/);
  const style = await send(`${await base}/?__debugger__=yes&cmd=resource&f=style.css`);
  assert.match(String(style.headers["content-type"]), /^text\/css/);
  const other = await send(`${await base}/?__debugger__=yes&cmd=resource&f=../../package.json`);
  assert.equal(other.status, 404);
});

test("a successful request passes through untouched", async () => {
  const answer = await send(`${await base}/`);
  assert.equal(answer.status, 200);
  assert.equal(answer.text, "fine");
});

test("without the debugger an error is a bare 500 (it is never on by default)", async () => {
  const plain = await start(failingApp);
  const answer = await send(`${plain}/withdraw`, { headers: { accept: "text/html" } });
  assert.equal(answer.status, 500);
  assert.doesNotMatch(answer.text, /withdraw|RangeError|checkBalance/);
});

test("without evalex the page shows the traceback and no console", async () => {
  const url = await start(debuggedApplication(failingApp));
  const page = await openPage(`${url}/withdraw`);
  assert.equal(page.status, 500);
  assert.match(page.text, /checkBalance/);
  assert.equal(page.evalex, false);
  assert.deepEqual(page.consoles, []);
  assert.equal(page.secret, "");
  // The console path is the app's own without evalex.
  const console = await send(`${url}/console`);
  assert.equal(console.status, 200);
  assert.equal(console.text, "fine");
});

test("DebuggedApplication is the same wrapper under Werkzeug's name, with or without new", async () => {
  const url = await start(new DebuggedApplication(failingApp, { evalex: false }));
  const page = await openPage(`${url}/withdraw`);
  assert.match(page.text, /RangeError/);
  assert.throws(() => debuggedApplication(failingApp, { evalx: true } as never), /unknown option "evalx"/);
  assert.throws(() => debuggedApplication(failingApp, { consolePath: "console" }), /consolePath must be a path/);
});

test("under node --inspect the page has no consoles and says why (pausing would fight that debugger)", async () => {
  const { spawnSync } = await import("node:child_process");
  const { repoRoot } = await import("./support/dev-server-process.js");
  const script = `import { debuggedApplication, Client } from ${JSON.stringify(`${repoRoot}dist/runtime/index.js`)};
const app = debuggedApplication(async () => { await null; throw new Error("under inspect"); }, { evalex: true, pinSecurity: false });
const page = await new Client(app).get("/", { headers: { accept: "text/html" } });
console.log(JSON.stringify({ status: page.statusCode, consoles: (page.text.match(/data-console=/g) ?? []).length, note: /an inspector is attached/.test(page.text) }));`;
  const run = spawnSync(process.execPath, ["--inspect=127.0.0.1:0", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split("\n").at(-1)!), { status: 500, consoles: 0, note: true });
});
