// HTTP exceptions: expected pages and headers recorded from Werkzeug 3.1.8.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  HTTPException,
  NotFound,
  MethodNotAllowed,
  RequestRedirect,
  Unauthorized,
  TooManyRequests,
  ServiceUnavailable,
  RequestedRangeNotSatisfiable,
  InternalServerError,
  BadRequest,
  ImATeapot,
  MisdirectedRequest,
  abort,
  Response,
  Request,
  WWWAuthenticate,
  prepareResponse,
} from "wz";
import { NotFound as RoutingNotFound } from "wz/routing";

const wire = (response: Response) => prepareResponse(response, "GET");

test("NotFound renders Werkzeug's HTML page with the escaped description", async () => {
  const response = new NotFound().getResponse();
  assert.equal(response.statusCode, 404);
  assert.equal(response.status, "404 NOT FOUND");
  assert.equal(
    await response.getData(true),
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n",
  );
  assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
});

test("a description is HTML-escaped and newlines become <br>", () => {
  assert.equal(new BadRequest("<script>\nx").getDescription(), "<p>&lt;script&gt;<br>x</p>");
});

test("name is the status phrase and toString is Werkzeug's str()", () => {
  const error = new NotFound("gone");
  assert.equal(error.name, "Not Found");
  assert.equal(String(error), "404 Not Found: gone");
  assert.equal(new ImATeapot().name, "I'm a teapot");
  assert.equal(new MisdirectedRequest().code, 421);
});

test("MethodNotAllowed sets Allow to the methods in the order given, joined with ', ' (as Werkzeug)", () => {
  assert.deepEqual(wire(new MethodNotAllowed(["POST", "GET"]).getResponse()).headers, [
    "Content-Type",
    "text/html; charset=utf-8",
    "Allow",
    "POST, GET",
    "Content-Length",
    "153",
  ]);
});

test("RequestRedirect answers with a 308 redirect page and Location", async () => {
  const response = new RequestRedirect("http://localhost/new").getResponse();
  assert.equal(response.status, "308 PERMANENT REDIRECT");
  assert.equal(response.headers.get("location"), "http://localhost/new");
  assert.equal(
    await response.getData(true),
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="http://localhost/new">http://localhost/new</a>. If not, click the link.\n',
  );
});

test("Unauthorized sends one WWW-Authenticate per challenge", () => {
  const headers = new Unauthorized(undefined, undefined, new WWWAuthenticate("basic", { realm: "x" })).getHeaders();
  assert.deepEqual(headers, [
    ["Content-Type", "text/html; charset=utf-8"],
    ["WWW-Authenticate", "Basic realm=x"],
  ]);
  assert.equal(new Unauthorized().getHeaders().length, 1);
});

test("429 and 503 send Retry-After in seconds or as an HTTP date", () => {
  assert.deepEqual(new TooManyRequests(undefined, undefined, 30).getHeaders()[1], ["Retry-After", "30"]);
  const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.deepEqual(new ServiceUnavailable(undefined, undefined, date).getHeaders()[1], ["Retry-After", "Fri, 02 Jan 2026 03:04:05 GMT"]);
});

test("RequestedRangeNotSatisfiable sends Content-Range: bytes */length", () => {
  assert.deepEqual(new RequestedRangeNotSatisfiable(100).getHeaders()[1], ["Content-Range", "bytes */100"]);
});

test("InternalServerError keeps the original exception for handlers", () => {
  const cause = new Error("db down");
  assert.equal(new InternalServerError(undefined, undefined, cause).originalException, cause);
});

test("abort(code) throws the mapped class, abort(response) carries the response, unknown codes are an error", () => {
  assert.throws(() => abort(404), NotFound);
  assert.throws(
    () => abort(405, ["GET"]),
    (error: unknown) => error instanceof MethodNotAllowed && error.validMethods[0] === "GET",
  );
  const custom = new Response("custom", { status: 402 });
  assert.throws(
    () => abort(custom),
    (error: unknown) => error instanceof HTTPException && error.getResponse() === custom,
  );
  assert.throws(() => abort(999), /no HTTP exception/);
});

test("a client preferring JSON gets the error as JSON", async () => {
  const request = Request.fromValues({ headers: { Accept: "application/json" } });
  const response = new NotFound("no such user").getResponse(request);
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.deepEqual(JSON.parse(await response.getData(true)), { code: 404, name: "Not Found", description: "no such user" });
  const browser = Request.fromValues({ headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
  assert.equal(new NotFound().getResponse(browser).headers.get("content-type"), "text/html; charset=utf-8");
});

test("wz/routing re-exports the same exception classes", () => {
  assert.equal(RoutingNotFound, NotFound);
});
