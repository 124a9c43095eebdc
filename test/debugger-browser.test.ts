// The debugger in a real browser (Debian's chromium through playwright-core): the error page of
// a failing async handler under `wz dev`, unlocked with the PIN from the terminal, a console in
// the inner frame evaluating a local and a mutation that the outer frame then sees; the lockout
// after 10 wrong PINs; no console for a page reached through a foreign host name; and no error
// in the browser's console. It saves the screenshot docs/debugger.md shows (written to docs/
// with UPDATE_SCREENSHOT=1).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { copyFixture, repoRoot, startDevServer, wzBin, type RunningDevServer } from "./support/dev-server-process.js";
import { command, openPage } from "./support/debugger-client.js";

const CHROMIUM = "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does it)`;
const FOREIGN_HOST = "attacker.test";

let browser: Browser;
let fixture: ReturnType<typeof copyFixture>;
let server: RunningDevServer;
let pin: string;

before(async () => {
  if (skip) return;
  fixture = copyFixture("debugger-app");
  server = await startDevServer([wzBin, "dev", "app.ts", "--port", "0"], fixture.dir);
  pin = (await server.waitForLog(/ \* Debugger PIN: (\d{3}-\d{3}-\d{3})\n/, 60_000))[1]!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      // A name that resolves to this machine, as DNS rebinding makes an attacker's domain do.
      `--host-resolver-rules=MAP ${FOREIGN_HOST} 127.0.0.1`,
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  fixture?.cleanup();
});

/** A page that records everything the browser reports as an error. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 960, height: 800 } });
  // Safety nets on a loaded machine, not speed limits: each wait ends on a real event.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    // The error page is a 500 by design: the browser reports that status for the document.
    if (message.location().url === page.url() && /status of 500/.test(message.text())) return;
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

async function runInConsole(page: Page, frame: string, code: string): Promise<string> {
  const console = page.locator(`li.frame[data-console]:has(code.function:text-is("${frame}")) .console`);
  const before = await console.locator(".output > .result, .output > .error").count();
  await console.locator("textarea").fill(code);
  await console.locator("textarea").press("Enter");
  const answer = console.locator(".output > .result, .output > .error").nth(before);
  await answer.waitFor();
  return (await answer.evaluate((node) => node.firstChild?.textContent ?? "")) ?? "";
}

test("unlocked with the PIN, an inner frame's console evaluates its locals and a mutation the outer frame sees", { skip }, async () => {
  const { page, problems } = await newPage();
  const response = await page.goto(`${server.url}/profile?id=2`);
  assert.equal(response?.status(), 500);
  assert.equal(await page.locator("h1.error-name").textContent(), "Error");
  assert.equal(await page.locator("p.error-message").textContent(), "user 2 is banned");

  await page.locator('li.frame:has(code.function:text-is("renderProfile")) button.open-console').click();
  await page.locator(".pin-dialog").waitFor({ state: "visible" });
  await page.locator("input.pin").fill(pin);
  await page.locator('.pin-form button[type="submit"]').click();
  await page.locator(".pin-dialog").waitFor({ state: "hidden" });

  assert.equal(await runInConsole(page, "renderProfile", "greeting"), "'Hello bob'");
  assert.equal(await runInConsole(page, "renderProfile", "user"), "{ id: 2, name: 'bob', banned: true }");
  assert.equal(await runInConsole(page, "renderProfile", "counter.count += 41"), "42");

  await page.locator('li.frame:has(code.function:text-is("profile")) button.open-console').click();
  assert.equal(await runInConsole(page, "profile", "visits"), "{ count: 42 }");
  assert.equal(await runInConsole(page, "profile", "await findUser(1).then((found) => found.name)"), "'ada'");

  const shot = process.env.UPDATE_SCREENSHOT === "1" ? join(repoRoot, "docs", "debugger.png") : join(tmpdir(), "wz-debugger.png");
  await page.locator('li.frame:has(code.function:text-is("renderProfile")) .console textarea').fill("user.name.toUpperCase()");
  await page.mouse.wheel(0, -10_000);
  await page.screenshot({ path: shot });
  assert.deepEqual(problems, []);
  await page.close();
});

test("after 10 wrong PINs the browser's PIN form says the console is locked", { skip }, async () => {
  const url = `${server.url}/profile?id=2`;
  const { page, problems } = await newPage();
  await page.goto(url);
  // Nine wrong PINs from elsewhere (each is answered after a delay: they are sent together)...
  const secret = await page.locator("body").getAttribute("data-secret");
  await Promise.all(Array.from({ length: 9 }, () => command(url, secret!, { cmd: "pinauth", pin: "111-111-111" })));
  // ...and the tenth typed into the page.
  await page.locator("button.open-console").first().click();
  await page.locator("input.pin").fill("222-222-222");
  await page.locator('.pin-form button[type="submit"]').click();
  await page.locator(".pin-message", { hasText: "Too many failed attempts" }).waitFor();
  assert.equal(await page.locator('.pin-form button[type="submit"]').isDisabled(), true);
  // The right PIN no longer opens it.
  const answer = await command(url, secret!, { cmd: "pinauth", pin });
  assert.deepEqual(answer.body, { auth: false, exhausted: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a page reached through a foreign host name shows the traceback with no console", { skip }, async () => {
  const { page, problems } = await newPage();
  const port = new URL(server.url).port;
  const response = await page.goto(`http://${FOREIGN_HOST}:${port}/profile?id=2`);
  assert.equal(response?.status(), 500);
  assert.equal(await page.locator("p.error-message").textContent(), "user 2 is banned");
  assert.equal(await page.locator("button.open-console").count(), 0);
  assert.equal(await page.locator("body").getAttribute("data-evalex"), "false");
  // The same page through localhost has its consoles (the server is the same).
  assert.ok((await openPage(`${server.url}/profile?id=2`)).consoles.length > 0);
  assert.deepEqual(problems, []);
  await page.close();
});
