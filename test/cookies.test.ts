// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCookie, dumpCookie, ImmutableMultiDict, MultiDict } from "wz";

test("parseCookie keeps duplicates in order and gives a bare name an empty value", () => {
  const cookies = parseCookie(`a=1; a=2; b="x;y"; oops; =bad; c = " q " ;d="foo\\054bar";e="\\342\\230\\203"`);
  assert.deepEqual(
    [...cookies],
    [
      ["a", "1"],
      ["a", "2"],
      ["b", "x;y"],
      ["oops", ""],
      ["c", " q "],
      ["d", "foo,bar"],
      ["e", "☃"],
    ],
  );
  assert.equal(cookies.get("a"), "1");
  assert.deepEqual(cookies.getList("a"), ["1", "2"]);
  assert.ok(cookies instanceof MultiDict);
});

test("nameless cookies are dropped so they cannot pose as __Host- cookies (CVE-2023-23934)", () => {
  assert.deepEqual([...parseCookie("==__Host-eq=bad;__Host-eq=good;")], [["__Host-eq", "good"]]);
  assert.deepEqual([...parseCookie("=__Host-x=bad")], []);
});

test("quoted values decode octal and backslash escapes with UTF-8 replacement", () => {
  assert.deepEqual(
    [...parseCookie(`a="\\377\\1x\\q"; b="unterminated; c=3`)],
    [
      ["a", "\uFFFD1xq"],
      ["b", '"unterminated'],
      ["c", "3"],
    ],
  );
});

test("unquoted values are not percent-decoded; Node's latin-1 header text is read as UTF-8", () => {
  const header = Buffer.from(`a=☃; b="\\342\\230\\203"; c=%E2%98%83`, "utf8").toString("latin1");
  assert.deepEqual(
    [...parseCookie(header)],
    [
      ["a", "☃"],
      ["b", "☃"],
      ["c", "%E2%98%83"],
    ],
  );
  assert.deepEqual([...parseCookie("a=é")], [["a", "é"]]);
});

test("parseCookie never throws and returns an empty dict for nothing", () => {
  assert.equal(parseCookie(null).size, 0);
  assert.equal(parseCookie("").size, 0);
  assert.equal(parseCookie(";;; ;").size, 0);
  assert.ok(parseCookie("a=1", ImmutableMultiDict) instanceof ImmutableMultiDict);
});

test("dumpCookie writes attributes in Werkzeug's order", () => {
  assert.equal(
    dumpCookie("k", "v w", { maxAge: 60, expires: 0, secure: true, httpOnly: true, sameSite: "lax", partitioned: true }),
    `k="v w"; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60; Secure; HttpOnly; Path=/; SameSite=Lax; Partitioned`,
  );
  assert.equal(dumpCookie("k", "", { maxAge: 0, expires: 0 }), "k=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
  assert.equal(dumpCookie("k", "x", { path: null, domain: "Example.COM" }), "k=x; Domain=Example.COM");
  // A string must be an HTTP date, written re-formatted (Werkzeug writes any string as it is).
  assert.equal(dumpCookie("k", "x", { expires: "Sunday, 06-Nov-94 08:49:37 GMT" }), "k=x; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Path=/");
  assert.equal(dumpCookie("k", "v", { expires: 1e9, domain: "www.Exä.com" }), "k=v; Domain=www.xn--ex-wia.com; Expires=Sun, 09 Sep 2001 01:46:40 GMT; Path=/");
  assert.equal(dumpCookie("k", "v", { expires: new Date(0) }), "k=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/");
});

test("maxAge sets Expires to now plus maxAge unless syncExpires is false", () => {
  assert.equal(dumpCookie("k", "v", { maxAge: 60, syncExpires: false }), "k=v; Max-Age=60; Path=/");
  const before = Math.floor(Date.now() / 1000) + 60;
  const cookie = dumpCookie("k", "v", { maxAge: 60 });
  const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!) / 1000;
  assert.ok(expires >= before && expires <= before + 2, cookie);
});

test("values that are not cookie-safe are quoted with octal escapes", () => {
  assert.equal(dumpCookie("k", 'a"b\\c;d,e\x1a\x19 é☃'), `k="a\\"b\\\\c\\073d\\054e\x1a\\031 \\303\\251\\342\\230\\203"; Path=/`);
  assert.equal(dumpCookie("k", "plain!#$%&'()*+-./:<=>?@[]^`{|}~"), "k=plain!#$%&'()*+-./:<=>?@[]^`{|}~; Path=/");
  assert.equal(dumpCookie("k", "tab\tx"), `k="tab\\011x"; Path=/`);
});

test("a cookie written by dumpCookie reads back through parseCookie", () => {
  for (const value of ['a"b\\c;d,e é☃', "plain", "x y", ""]) {
    const [pair] = dumpCookie("k", value).split("; Path=");
    assert.equal(parseCookie(pair).get("k"), value);
  }
});

test("path is percent-quoted, domain loses its port and leading dot and is IDNA-encoded", () => {
  assert.equal(dumpCookie("ké", "x", { path: "/a b;c%20ü", domain: ".☃.com:8080" }), "kÃ©=x; Domain=xn--n3h.com; Path=/a%20b%3Bc%20%C3%BC");
  assert.equal(dumpCookie("k", "a b", { path: "/ü/%20/;x", domain: "localhost" }), `k="a b"; Domain=localhost; Path=/%C3%BC/%20/%3Bx`);
});

test("SameSite is title-cased and validated; Partitioned implies Secure", () => {
  assert.equal(dumpCookie("k", "v", { sameSite: "STRICT" }), "k=v; Path=/; SameSite=Strict");
  assert.equal(dumpCookie("k", "v", { sameSite: "none" }), "k=v; Path=/; SameSite=None");
  assert.throws(() => dumpCookie("k", "v", { sameSite: "sometimes" }), { message: "SameSite must be 'Strict', 'Lax', or 'None'." });
  assert.equal(dumpCookie("k", "v", { partitioned: true }), "k=v; Secure; Path=/; Partitioned");
});

test("names and domains that would break the header are refused (wz addition)", () => {
  for (const name of ["a b", "a;b", "a=b", "a\r\nb", 'a"b', "a,b"]) assert.throws(() => dumpCookie(name, "v"), TypeError, name);
  assert.throws(() => dumpCookie("k", "v", { domain: "a.com; Secure" }), TypeError);
});

test("a cookie longer than maxSize emits Werkzeug's warning, maxSize 0 disables it", async () => {
  const warnings: string[] = [];
  const listener = (warning: Error) => warnings.push(warning.message);
  process.on("warning", listener);
  try {
    assert.equal(dumpCookie("big", "x".repeat(4090)).length, 4102);
    dumpCookie("big", "x".repeat(4090), { maxSize: 0 });
    dumpCookie("big", "x".repeat(4080));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  assert.deepEqual(warnings, [
    "The 'big' cookie is too large: the value was 4090 bytes but the header required 12 extra bytes. The final size was 4102 bytes but the limit is 4093 bytes. Browsers may silently ignore cookies larger than this.",
  ]);
});
