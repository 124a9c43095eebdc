// The dev server's request log line and watcher patterns, against answers recorded from
// Werkzeug 3.1.8 (WSGIRequestHandler.log_request, uri_to_iri, _ansi_style, fnmatch).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ansiStyle, formatRequestLine, logDateTime, targetForDisplay } from "../runtime/dev/request-log.js";
import { fnmatchToRegExp } from "../runtime/dev/source-watcher.js";
import { startupBanner } from "../runtime/dev/banner.js";

const at = new Date(2026, 10, 26, 13, 48, 13);
const line = (status: number, target = "/x", colour = true) =>
  formatRequestLine({ remoteAddress: "127.0.0.1", method: "GET", target, httpVersion: "1.1", status, at }, colour);

test('a request is logged as address - - [date] "request line" status -', () => {
  assert.equal(line(200, "/"), `127.0.0.1 - - [26/Nov/2026 13:48:13] "GET / HTTP/1.1" 200 -`);
  assert.equal(logDateTime(new Date(2026, 0, 5, 7, 8, 9)), "05/Jan/2026 07:08:09");
});

test("the request line is coloured by status as Werkzeug colours it", () => {
  // Werkzeug: log_request(code) with _log_add_style on
  assert.equal(line(201), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[35m\x1b[1mGET /x HTTP/1.1\x1b[0m" 201 -`);
  assert.equal(line(304), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[36mGET /x HTTP/1.1\x1b[0m" 304 -`);
  assert.equal(line(301), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[32mGET /x HTTP/1.1\x1b[0m" 301 -`);
  assert.equal(line(404), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[33mGET /x HTTP/1.1\x1b[0m" 404 -`);
  assert.equal(line(400), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[31m\x1b[1mGET /x HTTP/1.1\x1b[0m" 400 -`);
  assert.equal(line(500), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[35m\x1b[1mGET /x HTTP/1.1\x1b[0m" 500 -`);
  assert.equal(line(101), `127.0.0.1 - - [26/Nov/2026 13:48:13] "\x1b[1mGET /x HTTP/1.1\x1b[0m" 101 -`);
  assert.equal(line(200), `127.0.0.1 - - [26/Nov/2026 13:48:13] "GET /x HTTP/1.1" 200 -`);
  assert.equal(line(404, "/x", false), `127.0.0.1 - - [26/Nov/2026 13:48:13] "GET /x HTTP/1.1" 404 -`);
  assert.equal(ansiStyle("GET / HTTP/1.1", true, "bold", "red"), "\x1b[31m\x1b[1mGET / HTTP/1.1\x1b[0m");
});

test("the logged path shows valid UTF-8 decoded and keeps reserved, control and invalid bytes quoted (uri_to_iri)", () => {
  assert.equal(targetForDisplay("/p%C3%A5th?q=%C3%A8ry%DF"), "/påth?q=èry%DF");
  assert.equal(targetForDisplay("/a%2Fb%20c?x=%26%3D%2B&y=%E2%98%83"), "/a%2Fb%20c?x=%26%3D%2B&y=☃");
  assert.equal(targetForDisplay("/%ff%41"), "/%FFA");
  assert.equal(targetForDisplay("/caf%C3%A9%0A"), "/café%0A");
});

test("exclude patterns match absolute paths as Python's fnmatch does", () => {
  // fnmatch.fnmatch: "*" crosses "/", "[!x]" negates, everything else is literal
  assert.ok(fnmatchToRegExp("*/generated/*").test("/srv/app/generated/a.ts"));
  assert.ok(fnmatchToRegExp("*.gen.ts").test("/srv/app/routes.gen.ts"));
  assert.ok(!fnmatchToRegExp("*.gen.ts").test("/srv/app/routes.ts"));
  assert.ok(fnmatchToRegExp("/srv/app/v?.ts").test("/srv/app/v1.ts"));
  assert.ok(!fnmatchToRegExp("/srv/app/[!v]*.ts").test("/srv/app/v1.ts"));
  assert.ok(fnmatchToRegExp("/srv/(app)+.ts").test("/srv/(app)+.ts"));
});

test("binding every address names the loopback URL too, as Werkzeug's banner does", () => {
  const lines = startupBanner("0.0.0.0", 5000, false);
  assert.equal(lines[1], " * Running on all addresses (0.0.0.0)");
  assert.equal(lines[2], " * Running on http://127.0.0.1:5000");
  assert.equal(lines.at(-1), "Press CTRL+C to quit");
  assert.deepEqual(startupBanner("::1", 5000, false).slice(1), [" * Running on http://[::1]:5000", "Press CTRL+C to quit"]);
});
