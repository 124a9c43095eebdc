// The consoles, over a real socket: input evaluated against a frame's live scopes (locals,
// closures, `this`), statements and `await`, console output captured, results as util.inspect
// renders them, mutations that the app sees, a timeout that frees the server, the standalone
// console, and the bound on what is kept.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { debuggedApplication, serve, Response, type Request, type WzServer } from "wz";
import { command, openPage, send, unlock } from "./support/debugger-client.js";

process.env.WZ_DEBUGGER_PIN = "123-456-789";

const inventory = { apples: 3, log: [] as string[] };

class Basket {
  items = ["pear"];
  add(name: string): void {
    const limit = 1;
    if (this.items.length >= limit) throw new Error(`the basket is full: no room for ${name}`);
    this.items.push(name);
  }
}

async function order(fruit: string, count: number): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  const wanted = { fruit, count };
  return reserve(wanted);
}

function reserve(wanted: { fruit: string; count: number }): number {
  const available = inventory.apples;
  if (wanted.count > available) throw new Error(`only ${available} ${wanted.fruit}s left`);
  return available - wanted.count;
}

const app = debuggedApplication(
  async (request: Request) => {
    if (request.path === "/order") return new Response(String(await order("apple", Number(request.args.get("n") ?? 5))));
    if (request.path === "/basket") new Basket().add("fig");
    if (request.path === "/stock") return new Response(String(inventory.apples));
    return new Response("ok");
  },
  { evalex: true },
);

let server: WzServer;
const ready = serve(app, { port: 0, onError: () => {} }).then((started) => (server = started));
after(() => server?.close());

async function openConsoles(path = "/order") {
  await ready;
  const url = `${server.url}${path}`;
  const page = await openPage(url);
  const cookie = await unlock(url, page.secret, "123-456-789");
  const run = async (consoleId: string, code: string) => {
    const answer = await command(url, page.secret, { cmd: "eval", console: consoleId, code }, { cookie });
    assert.equal(answer.status, 200, answer.text);
    return answer.body as { output: string[]; result?: { short: string; full?: string }; error?: string };
  };
  return { page, run };
}

test("a console evaluates the locals of the frame that threw and of its synchronous caller", async () => {
  const { page, run } = await openConsoles();
  const [reserveFrame, orderFrame] = page.consoles;
  assert.equal((await run(reserveFrame!, "available")).result?.short, "3");
  assert.equal((await run(reserveFrame!, "wanted.fruit + ':' + wanted.count")).result?.short, "'apple:5'");
  assert.equal((await run(orderFrame!, "fruit")).result?.short, "'apple'");
  assert.equal((await run(orderFrame!, "wanted")).result?.short, "{ fruit: 'apple', count: 5 }");
  // Module-level names the frame's code uses are there too (its closure).
  assert.equal((await run(reserveFrame!, "inventory.apples")).result?.short, "3");
});

test("objects are the live ones: a mutation is seen by later input and by the app itself", async () => {
  const { page, run } = await openConsoles();
  const frame = page.consoles[0]!;
  assert.equal((await run(frame, "inventory.apples = 10; inventory.log.push('restocked'); inventory.apples")).result?.short, "10");
  assert.equal((await run(frame, "inventory.log")).result?.short, "[ 'restocked' ]");
  assert.equal((await send(`${server.url}/stock`)).text, "10");
  inventory.apples = 3;
});

test("statements, declarations kept between inputs, await, and console.log output", async () => {
  const { page, run } = await openConsoles();
  const frame = page.consoles[0]!;
  assert.equal((await run(frame, "let total = 40; total + 2")).result?.short, "42");
  assert.equal((await run(frame, "total")).result?.short, "40");
  assert.equal((await run(frame, "await new Promise((resolve) => setTimeout(() => resolve(wanted.count * 2), 1))")).result?.short, "10");
  assert.equal((await run(frame, "const later = await Promise.resolve(7); later + total")).result?.short, "47");
  const logged = await run(frame, "console.log('wanted', wanted); console.error('to stderr'); 'done'");
  assert.deepEqual(logged.output, ["wanted { fruit: 'apple', count: 5 }", "to stderr"]);
  assert.equal(logged.result?.short, "'done'");
  assert.equal((await run(frame, "_")).result?.short, "'done'");
  assert.equal((await run(frame, "{ a: 1 }")).result?.short, "{ a: 1 }");
});

test("`this` is the frame's own object", async () => {
  const { page, run } = await openConsoles("/basket");
  assert.equal((await run(page.consoles[0]!, "this.items")).result?.short, "[ 'pear' ]");
  assert.equal((await run(page.consoles[0]!, "this instanceof Basket && name")).result?.short, "'fig'");
});

test("dump() lists the frame's variables scope by scope, dump(object) an object's properties", async () => {
  const { page, run } = await openConsoles();
  const all = (await run(page.consoles[0]!, "dump()")).result!;
  assert.match(all.full ?? all.short, /'0 local': \{ wanted: \{ fruit: 'apple', count: 5 \}, available: 3 \}/);
  assert.match((await run(page.consoles[0]!, "dump(new Basket())")).result!.short, /\{ items: \[ 'pear' \], add: \[Function: add\] \}/);
});

test("errors thrown by the input come back as the REPL shows them", async () => {
  const { page, run } = await openConsoles();
  const missing = await run(page.consoles[0]!, "notDefinedAnywhere + 1");
  assert.match(missing.error!, /^ReferenceError: notDefinedAnywhere is not defined/);
  const thrown = await run(page.consoles[0]!, "throw new TypeError('from the console')");
  assert.match(thrown.error!, /^TypeError: from the console/);
  const syntax = await run(page.consoles[0]!, "wanted.(");
  assert.match(syntax.error!, /^SyntaxError/);
});

test("a large result is rendered shallow first, with a deeper rendering to expand", async () => {
  const { page, run } = await openConsoles();
  const nested = await run(page.consoles[0]!, "({ a: { b: { c: { d: 1 } } }, list: Array.from({ length: 30 }, (_, i) => i) })");
  assert.match(nested.result!.short, /a: \{ b: \[Object\] \}/);
  assert.match(nested.result!.short, /\.\.\. 10 more items/);
  assert.match(nested.result!.full!, /d: 1/);
});

test("input that never ends is stopped by the timeout, and the server keeps serving", async () => {
  const { page, run } = await openConsoles();
  const endless = run(page.consoles[0]!, "while (true) {}");
  const never = run(page.consoles[0]!, "await new Promise(() => {})");
  assert.match((await endless).error!, /timed out/);
  assert.match((await never).error!, /did not settle/);
  assert.equal((await send(`${server.url}/`)).text, "ok");
});

test("the standalone console at /console has the app in scope", async () => {
  await ready;
  const page = await openPage(`${server.url}/console`);
  assert.equal(page.status, 200);
  const consoleId = /<body [^>]*data-console="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(consoleId);
  const cookie = await unlock(`${server.url}/console`, page.secret, "123456789");
  const answer = await command(`${server.url}/console`, page.secret, { cmd: "eval", console: consoleId, code: "typeof app + ' ' + (1 + 1)" }, { cookie });
  assert.deepEqual(answer.body.result, { short: "'function 2'" });
});

test("the last 50 tracebacks are kept: the consoles of older ones are gone", async () => {
  const { page, run } = await openConsoles();
  assert.equal((await run(page.consoles[0]!, "1")).result?.short, "1");
  for (let i = 0; i < 50; i++) await openPage(`${server.url}/order`);
  const cookie = await unlock(`${server.url}/order`, page.secret, "123-456-789");
  const gone = await command(`${server.url}/order`, page.secret, { cmd: "eval", console: page.consoles[0], code: "1" }, { cookie });
  assert.equal(gone.status, 404);
  assert.match(String(gone.body.error), /this console is gone/);
});
