// BadRequestKeyError is defined with the HTTP exceptions and re-exported for the data structures.
// Expected texts were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3):
//   BadRequestKeyError("name").description           -> BadRequest's default description
//   ... with show_exception = True                    -> that + "\nKeyError: 'name'"
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BadRequestKeyError, BadRequest, HTTPException, MultiDict, Headers, Client, Response, type Request } from "wz";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
const badRequestText = "The browser (or proxy) sent a request that this server could not understand.";

function runModule(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", source], { cwd: packageRoot, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const checkKeyError = `
  const wz = await import("wz");
  let caught;
  try { new wz.MultiDict().require("name"); } catch (error) { caught = error; }
  if (!(caught instanceof wz.BadRequestKeyError) || !(caught instanceof wz.BadRequest) || caught.code !== 400) throw new Error("not a BadRequestKeyError");
  console.log("ok");
`;

test("wz then wz/routing load in a fresh process, and a missing key is a BadRequest", async () => {
  const result = await runModule(`await import("wz"); await import("wz/routing"); ${checkKeyError}`);
  assert.equal(result.stderr, "");
  assert.equal(result.code, 0);
  assert.equal(result.stdout.trim(), "ok");
});

test("wz/routing then wz load in a fresh process, and a missing key is a BadRequest", async () => {
  const result = await runModule(`await import("wz/routing"); await import("wz"); ${checkKeyError}`);
  assert.equal(result.stderr, "");
  assert.equal(result.code, 0);
  assert.equal(result.stdout.trim(), "ok");
});

test("a missing MultiDict or Headers key throws a BadRequestKeyError carrying the key", () => {
  assert.throws(
    () => new MultiDict<string>().require("name"),
    (error: unknown) =>
      error instanceof BadRequestKeyError && error instanceof BadRequest && error instanceof HTTPException && error.key === "name" && error.code === 400,
  );
  assert.throws(
    () => new Headers().require("X-Token"),
    (error: unknown) => error instanceof BadRequestKeyError && error.key === "X-Token",
  );
});

test("the description hides the key unless showException is on, as Werkzeug's show_exception", () => {
  const error = new BadRequestKeyError("name");
  assert.equal(error.description, badRequestText);
  assert.equal(error.toString(), `400 Bad Request: ${badRequestText}`);
  BadRequestKeyError.showException = true;
  try {
    assert.equal(error.description, `${badRequestText}\nKeyError: 'name'`);
    assert.match(error.getBody(), /KeyError: &#39;name&#39;|KeyError: &#x27;name&#x27;/);
  } finally {
    BadRequestKeyError.showException = false;
  }
  assert.equal(error.description, badRequestText);
  error.description = "Missing field.";
  assert.equal(error.description, "Missing field.");
});

test("an app that requires a missing form field answers 400 without naming it", async () => {
  const app = async (request: Request) => new Response((await request.form()).require("secret_field"));
  const response = await new Client(app).post("/", { data: { other: "1" } });
  assert.equal(response.statusCode, 400);
  assert.doesNotMatch(response.text, /secret_field/);
});
