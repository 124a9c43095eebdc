// Hostile input costs linear time (issue 15, part 1). Each finding of the security probe has a
// regression test here, then every parser a request reaches is fed long runs of whitespace,
// quotes, commas, semicolons, digits... at 900, 3,600 and 14,400 characters; a parser fails when
// 16x the input costs 64x the CPU time or more (linear: about 16x; a backtracking regex: about
// 256x). Ratios, never wall-clock limits: see support/growth.ts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { compileRoutes } from "wz/compiler";
import * as wz from "wz";
import { MultipartDecoder, NotFound, Request, RequestEntityTooLarge, Response, serve, type WzServer } from "wz";
import { importGenerated } from "./support/oracle.js";
import { routesDir } from "./support/routes-files.js";
import { exchange } from "./support/raw-http.js";
import { MAX_RATIO, REQUEST_FILLERS, SIZES, hostileInputs, measureGrowth } from "./support/growth.js";

function assertLinear(what: string, input: (size: number) => unknown, run: (input: any) => void, sizes: readonly number[] = SIZES): void {
  const growth = measureGrowth(input, run, sizes);
  const steps = growth.steps.map((step) => `${step.toFixed(1)}x`).join(", then ");
  assert.ok(growth.ok, `${what}: 16x the input cost ${growth.ratio.toFixed(0)}x (limit ${MAX_RATIO}x; each 4x step: ${steps})`);
}

// ---- multipart part headers ----------------------------------------------------------------

/** A one-part multipart body whose part carries `headerLines` (CRLF-joined) before its content. */
function multipartBody(headerLines: string): Buffer {
  return Buffer.from(`--X\r\n${headerLines}\r\n\r\nvalue\r\n--X--\r\n`, "latin1");
}

/** Decodes a whole body, returning the part headers or the error thrown. */
function decodeParts(body: Uint8Array): [string, string][] | Error {
  const decoder = new MultipartDecoder("X");
  try {
    decoder.receiveData(body);
    decoder.receiveData(null);
    for (;;) {
      const event = decoder.nextEvent();
      if (event.type === "field" || event.type === "file") return [...event.headers];
      if (event.type === "epilogue") return new Error("no part");
    }
  } catch (error) {
    return error as Error;
  }
}

const DISPOSITION = "Content-Disposition: form-data; name=f";
// A part header line may be up to 8 KiB and a part's header block up to 16 KiB (then 413), so
// part headers are measured at sizes that fit.
const PART_HEADER_SIZES = [500, 2_000, 8_000] as const;

test("a part header line with a long whitespace run is parsed in linear time (was 277 s at 400 KB)", () => {
  assertLinear("X: a<spaces>b", (n) => multipartBody(`${DISPOSITION}\r\nX: a${" ".repeat(n)}b`), decodeParts, PART_HEADER_SIZES);
  assert.deepEqual(decodeParts(multipartBody(`${DISPOSITION}\r\nX: a${" ".repeat(1000)}b`)), [
    ["Content-Disposition", "form-data; name=f"],
    ["X", `a${" ".repeat(1000)}b`],
  ]);
});

test("a part's name parameter with a long whitespace run is parsed in linear time (was 9.4 s at 100 KB)", () => {
  assertLinear('name="f<spaces>g"', (n) => multipartBody(`Content-Disposition: form-data; name="f${" ".repeat(n)}g"`), decodeParts, PART_HEADER_SIZES);
});

test("folded part header lines are joined in linear time", () => {
  assertLinear("X: a<CRLF SP>...b", (n) => multipartBody(`${DISPOSITION}\r\nX: a${"\r\n ".repeat(n / 3)}b`), decodeParts, PART_HEADER_SIZES);
  assertLinear("X: a<CRLF TAB SP>...b", (n) => multipartBody(`${DISPOSITION}\r\nX: a${"\r\n\t ".repeat(n / 4)}\r\n b`), decodeParts, PART_HEADER_SIZES);
});

test("a part header line over 8 KiB is refused with 413, one of 8 KiB is read", () => {
  const line = (length: number) => `X: ${"a".repeat(length - 3)}`;
  assert.ok(Array.isArray(decodeParts(multipartBody(`${DISPOSITION}\r\n${line(8192)}`))));
  assert.ok(decodeParts(multipartBody(`${DISPOSITION}\r\n${line(8193)}`)) instanceof RequestEntityTooLarge);
  // A folded header counts as one line.
  assert.ok(decodeParts(multipartBody(`${DISPOSITION}\r\nX: a${`\r\n ${"b".repeat(60)}`.repeat(150)}`)) instanceof RequestEntityTooLarge);
});

test("a part's header block over 16 KiB is refused with 413 before the rest of the body arrives", () => {
  const shortLines = (count: number) => Array.from({ length: count }, (_, i) => `X-${String(i).padStart(4, "0")}: ${"v".repeat(24)}`).join("\r\n");
  // 32-byte lines plus CRLF: 460 of them with the disposition stay under 16 KiB.
  assert.ok(Array.isArray(decodeParts(multipartBody(`${DISPOSITION}\r\n${shortLines(460)}`))));
  assert.ok(decodeParts(multipartBody(`${DISPOSITION}\r\n${shortLines(600)}`)) instanceof RequestEntityTooLarge);

  // No blank line yet, and already more than the cap: refused without waiting for the end.
  const decoder = new MultipartDecoder("X");
  decoder.receiveData(Buffer.from(`--X\r\n${DISPOSITION}\r\nX: ${" ".repeat(20_000)}`, "latin1"));
  assert.equal(decoder.nextEvent().type, "preamble");
  assert.throws(() => decoder.nextEvent(), RequestEntityTooLarge);
});

test("over a socket, a 400 KB whitespace part header is answered with 413 and the server keeps serving", async (t) => {
  const server: WzServer = await serve(
    async (request) => {
      const form = await request.form();
      return new Response(`fields: ${[...form.keys()].join(",")}`);
    },
    { port: 0, onError: () => {} },
  );
  try {
    const body = multipartBody(`${DISPOSITION}\r\nX: a${" ".repeat(400_000)}b`);
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=X\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const refused = await exchange(server.port, head, [body], 60_000);
    assert.equal(refused.status, 413);
    t.diagnostic(`400 KB whitespace part header: 413 after ${refused.responseMs.toFixed(1)} ms`);

    const small = multipartBody(DISPOSITION);
    const okHead = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=X\r\nContent-Length: ${small.length}\r\nConnection: close\r\n\r\n`;
    const answered = await exchange(server.port, okHead, [small]);
    assert.equal(answered.status, 200);
    assert.equal(answered.body, "fields: f");
  } finally {
    await server.close();
  }
});

// ---- request headers -------------------------------------------------------------------------

const requestWith = (name: string, value: string) => Request.fromValues({ headers: [[name, value]] });

test("Accept with a long whitespace run is parsed in linear time, also by the default 404 page (was 0.4 s per 16 KB)", () => {
  const accept = (n: number) => `a/b${" ".repeat(n)}x,json`;
  assertLinear("Accept: a/b<spaces>x,json", accept, (value: string) =>
    requestWith("Accept", value).acceptMimetypes.bestMatch(["application/json", "text/html"]),
  );
  assertLinear("404 page with Accept: a/b<spaces>x,json", accept, (value: string) => new NotFound().getResponse(requestWith("Accept", value)));
  assert.deepEqual(
    [...wz.MIMEAccept.fromHeader(`a/b${" ".repeat(40)}x,json`)],
    [
      [`a/b${" ".repeat(40)}x`, 1],
      ["json", 1],
    ],
  );
});

test("a Cookie value with a long whitespace run is parsed in linear time (was 140 ms at 16 KB)", () => {
  assertLinear(
    "Cookie: a=x<spaces>y",
    (n) => `a=x${" ".repeat(n)}y`,
    (value: string) => requestWith("Cookie", value).cookies,
  );
  assertLinear(
    "Cookie: a=x<spaces>y;b",
    (n) => `a=x${" ".repeat(n)}y;b`,
    (value: string) => requestWith("Cookie", value).cookies,
  );
  assert.deepEqual(
    [...requestWith("Cookie", `a=x${" ".repeat(30)}y; b=2`).cookies],
    [
      ["a", `x${" ".repeat(30)}y`],
      ["b", "2"],
    ],
  );
});

test("If-None-Match with a long whitespace run is parsed in linear time (was 120 ms at 16 KB)", () => {
  assertLinear(
    "If-None-Match: <spaces>",
    (n) => " ".repeat(n),
    (value: string) => requestWith("If-None-Match", value).ifNoneMatch,
  );
  assertLinear(
    'If-None-Match: "a, "a, ...',
    (n) => '"a, '.repeat(Math.ceil(n / 16) * 4),
    (value: string) => requestWith("If-None-Match", value).ifNoneMatch,
  );
});

test("a long digit run is converted to a float in linear time (was 3.5 s at 20,000 digits)", () => {
  assertLinear(
    "asFloat(1111…x)",
    (n) => `${"1".repeat(n)}x`,
    (value: string) => assert.throws(() => wz.asFloat(value)),
  );
  assertLinear(
    "asFloat(1_1_…x)",
    (n) => `${"1_".repeat(n / 2)}x`,
    (value: string) => assert.throws(() => wz.asFloat(value)),
  );
  assert.equal(wz.asFloat(" 1_000.5e1_0 "), 1000.5e10);
  assert.equal(wz.asFloat("1.e2"), 100);
  assert.throws(() => wz.asFloat("1__0"));
});

// ---- routing ---------------------------------------------------------------------------------

let routing: any;
let routes: ReturnType<typeof routesDir>;

before(async () => {
  routes = routesDir({
    "routes.ts": `import { routes, rule } from "wz/routing";
export default routes({}, [
  rule("/f/<float:x>", { endpoint: "float" }),
  rule("/s/<float(signed=True):x>", { endpoint: "signed" }),
  rule("/i/<int:n>", { endpoint: "int" }),
  rule("/two/<int:a>.<float:b>", { endpoint: "two" }),
  rule("/p/<path:rest>/<float:x>", { endpoint: "pathFloat" }),
  rule("/n/<a>-<int:b>", { endpoint: "textInt" }),
]);
`,
  });
  const { code, diagnostics } = await compileRoutes({ file: routes.path("routes.ts") });
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  routing = await importGenerated(code);
});

after(() => routes.remove());

const outcome = (fn: () => unknown) => {
  try {
    return fn();
  } catch (error) {
    return error;
  }
};

test("the float and int converters build from long digit strings in linear time (was 3.7 s at 20,000 digits)", () => {
  assertLinear(
    "urlFor float 1111…x",
    (n) => `${"1".repeat(n)}x`,
    (value: string) => outcome(() => routing.urlFor("float", { x: value })),
  );
  assertLinear(
    "urlFor float 1111…",
    (n) => "1".repeat(n),
    (value: string) => outcome(() => routing.urlFor("float", { x: value })),
  );
  assertLinear(
    "urlFor int 1_1_…x",
    (n) => `${"1_".repeat(n / 2)}x`,
    (value: string) => outcome(() => routing.urlFor("int", { n: value })),
  );
  assert.equal(routing.urlFor("float", { x: "2.50" }), "/f/2.5");
});

test("paths with long digit, dot and slash runs are matched in linear time", () => {
  const adapter = routing.default.bind("localhost");
  const paths: [string, (n: number) => string][] = [
    ["/f/1111…x", (n) => `/f/${"1".repeat(n)}x`],
    ["/f/1.1111…x", (n) => `/f/1.${"1".repeat(n)}x`],
    ["/s/-1111….", (n) => `/s/-${"1".repeat(n)}.`],
    ["/two/1.1.1.…", (n) => `/two/${"1.".repeat(n / 2)}`],
    ["/two/1111….1111…x", (n) => `/two/${"1".repeat(n / 2)}.${"1".repeat(n / 2)}x`],
    ["/p/a/1/1/…x", (n) => `/p/a${"/1".repeat(n / 2)}x`],
    ["/p/1111…/1111…x", (n) => `/p/${"1".repeat(n / 2)}/${"1".repeat(n / 2)}x`],
    ["/n/a-a-a-…x", (n) => `/n/${"a-".repeat(n / 2)}x`],
    ["/n/a-1111…x", (n) => `/n/a-${"1".repeat(n)}x`],
  ];
  for (const [label, path] of paths) assertLinear(`match ${label}`, path, (value: string) => outcome(() => adapter.match(value, "GET")));
});

// ---- every parser a request reaches ------------------------------------------------------------

const REQUEST_HEADERS = [
  "Accept",
  "Accept-Language",
  "Accept-Encoding",
  "Accept-Charset",
  "Cookie",
  "If-None-Match",
  "If-Match",
  "If-Modified-Since",
  "If-Unmodified-Since",
  "If-Range",
  "Range",
  "Authorization",
  "Cache-Control",
  "Content-Type",
  "Content-Length",
  "Host",
  "Pragma",
  "Referer",
  "Max-Forwards",
  "Origin",
  "Date",
  "Access-Control-Request-Headers",
  "Access-Control-Request-Method",
  "Transfer-Encoding",
] as const;

const GETTERS = Object.entries(Object.getOwnPropertyDescriptors(Request.prototype))
  .filter(([, descriptor]) => descriptor.get !== undefined)
  .map(([name]) => name);

/** Reads every property of a request carrying the header, and asks each parsed value what apps ask. */
function readEverything(request: Request): void {
  for (const name of GETTERS) {
    try {
      const value = (request as unknown as Record<string, any>)[name];
      if (value instanceof wz.Accept) {
        value.bestMatch(["application/json", "text/html", "en-US", "utf-8", "gzip"]);
        value.quality("text/html");
      }
      if (value instanceof wz.ETags) value.contains("x");
      if (value instanceof wz.Range) value.rangeForLength(1000);
    } catch {
      // a bad value may throw (a 400 for Host, for example); only the cost matters here
    }
  }
}

/** Each parser with the prefixes that open a value in its grammar (a bare run is always tried). */
const PARSERS: Record<string, [(value: string) => unknown, ...string[]]> = {
  parseCookie: [(s) => wz.parseCookie(s), "a="],
  parseOptionsHeader: [(s) => wz.parseOptionsHeader(s), "a; b=", "a; b*=utf-8''"],
  parseListHeader: [(s) => wz.parseListHeader(s)],
  parseDictHeader: [(s) => wz.parseDictHeader(s), "a="],
  parseDate: [(s) => wz.parseDate(s), "Sun, 06 "],
  parseAge: [(s) => wz.parseAge(s)],
  parsePlainInt: [(s) => wz.parsePlainInt(s)],
  unquoteHeaderValue: [(s) => wz.unquoteHeaderValue(s)],
  unquoteEtag: [(s) => wz.unquoteEtag(s), "W/"],
  quoteHeaderValue: [(s) => wz.quoteHeaderValue(s)],
  "ETags.fromHeader": [(s) => wz.ETags.fromHeader(s), "W/"],
  "MIMEAccept.bestMatch": [(s) => wz.MIMEAccept.fromHeader(s).bestMatch(["application/json", "text/html;level=1", "*/*"]), "a/b;"],
  "LanguageAccept.bestMatch": [(s) => wz.LanguageAccept.fromHeader(s).bestMatch(["en-US", "de"]), "en;q="],
  "CharsetAccept.bestMatch": [(s) => wz.CharsetAccept.fromHeader(s).bestMatch(["utf-8", "latin1"])],
  "RequestCacheControl.fromHeader": [(s) => wz.RequestCacheControl.fromHeader(s), "max-age="],
  "ContentSecurityPolicy.fromHeader": [(s) => wz.ContentSecurityPolicy.fromHeader(s), "default-src "],
  "HeaderSet.fromHeader": [(s) => wz.HeaderSet.fromHeader(s)],
  "Range.fromHeader": [(s) => wz.Range.fromHeader(s), "bytes="],
  "ContentRange.fromHeader": [(s) => wz.ContentRange.fromHeader(s), "bytes "],
  "IfRange.fromHeader": [(s) => wz.IfRange.fromHeader(s)],
  "Authorization.fromHeader": [(s) => wz.Authorization.fromHeader(s), "Basic ", "Digest a="],
  "WWWAuthenticate.fromHeader": [(s) => wz.WWWAuthenticate.fromHeader(s), "Basic realm="],
  asInt: [(s) => outcome(() => wz.asInt(s))],
  asFloat: [(s) => outcome(() => wz.asFloat(s))],
  secureFilename: [(s) => wz.secureFilename(s)],
  safeJoin: [(s) => wz.safeJoin("/srv/static", s, `a/${s}.txt`)],
  iriToUri: [(s) => outcome(() => wz.iriToUri(s)), "http://"],
  "Headers.set": [(s) => outcome(() => new wz.Headers().set("X", s))],
  dumpCookie: [(s) => outcome(() => wz.dumpCookie("k", s, { path: s, domain: "example.com" }))],
  "request target": [(s) => readEverything(new Request({ method: "GET", target: `/${s}?${s}`, headers: ["Host", "localhost"] })), "a="],
};

for (const [name, [parse, ...prefixes]] of Object.entries(PARSERS)) {
  test(`${name} costs linear time on long runs of separators, quotes, whitespace and digits`, () => {
    for (const { label, make } of hostileInputs(["", ...prefixes])) assertLinear(`${name}(${label})`, make, parse);
  });
}

for (const header of REQUEST_HEADERS) {
  test(`a request's ${header} header costs linear time to read through every Request property`, () => {
    for (const { label, make } of hostileInputs([""], REQUEST_FILLERS)) {
      assertLinear(`${header}: ${label}`, make, (value: string) => readEverything(requestWith(header, value)));
    }
  });
}
