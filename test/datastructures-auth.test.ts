// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Authorization, WWWAuthenticate } from "wz";

const parse = (value: string | null) => {
  const auth = Authorization.fromHeader(value);
  return auth === null ? null : [auth.type, { ...auth.parameters }, auth.token, auth.toHeader()];
};

test("Basic credentials are decoded into username and password", () => {
  assert.deepEqual(parse("Basic dXNlcjpwYXNz"), ["basic", { username: "user", password: "pass" }, null, "Basic dXNlcjpwYXNz"]);
  assert.deepEqual(parse("basic dXNlcjpwYXNzOndvcmQ="), ["basic", { username: "user", password: "pass:word" }, null, "Basic dXNlcjpwYXNzOndvcmQ="]);
  assert.deepEqual(parse("Basic dXNlcg=="), ["basic", { username: "user", password: "" }, null, "Basic dXNlcjo="]);
  assert.deepEqual(parse("Basic wqM6wqM="), ["basic", { username: "£", password: "£" }, null, "Basic wqM6wqM="]);
  const auth = Authorization.fromHeader("Basic dXNlcjpwYXNz")!;
  assert.equal(auth.username, "user");
  assert.equal(auth.password, "pass");
});

test("Basic decoding is as lenient as Python's base64 module", () => {
  assert.deepEqual(parse("Basic !!!"), ["basic", { username: "", password: "" }, null, "Basic Og=="]);
  assert.deepEqual(parse("Basic"), ["basic", { username: "", password: "" }, null, "Basic Og=="]);
  assert.deepEqual(parse("Basic dXN\tlcjpwYXNz"), ["basic", { username: "user", password: "pass" }, null, "Basic dXNlcjpwYXNz"]);
  assert.deepEqual(parse("Basic YQ==garbage"), ["basic", { username: "a", password: "" }, null, "Basic YTo="]);
});

test("invalid Basic credentials give null instead of throwing", () => {
  assert.equal(Authorization.fromHeader(null), null);
  assert.equal(Authorization.fromHeader(""), null);
  assert.equal(Authorization.fromHeader("Basic /w=="), null); // not UTF-8
  assert.equal(Authorization.fromHeader("Basic YWJjZA5"), null); // dangling base64 group
  assert.equal(Authorization.fromHeader("Basic dXNlcjpwYXNz extra"), null);
  assert.equal(Authorization.fromHeader("Basic é"), null); // Werkzeug raises here (a 500)
});

test("a value with = other than trailing padding is parsed as parameters, else it is a token", () => {
  assert.deepEqual(parse("Bearer abc.def="), ["bearer", {}, "abc.def=", "Bearer abc.def="]);
  assert.deepEqual(parse("Bearer abc.def=="), ["bearer", {}, "abc.def==", "Bearer abc.def=="]);
  assert.deepEqual(parse("Bearer  tok  "), ["bearer", {}, "tok", "Bearer tok"]);
  assert.deepEqual(parse("Token a=b"), ["token", { a: "b" }, null, "Token a=b"]);
  assert.deepEqual(parse("Custom"), ["custom", {}, "", "Custom "]);
  assert.deepEqual(parse("NTLM TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA="), [
    "ntlm",
    {},
    "TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA=",
    "Ntlm TlRMTVNTUAABAAAAB4IIAAAAAAAAAAAAAAAAAAAAAAA=",
  ]);
});

test("Digest parameters are read and written back", () => {
  const header = 'Digest username="u", realm="r", nonce="n", uri="/", response="x", qop=auth, nc=00000001, cnonce="c"';
  assert.deepEqual(parse(header), [
    "digest",
    { username: "u", realm: "r", nonce: "n", uri: "/", response: "x", qop: "auth", nc: "00000001", cnonce: "c" },
    null,
    'Digest username=u, realm=r, nonce=n, uri="/", response=x, qop=auth, nc=00000001, cnonce=c',
  ]);
  const auth = Authorization.fromHeader(header)!;
  assert.equal(auth.get("nonce"), "n");
  assert.equal(auth.get("missing"), null);
  assert.equal(auth.has("uri"), true);
});

test("Authorization.toHeader re-encodes Basic and title-cases other schemes", () => {
  const basic = new Authorization("basic", { username: "ü", password: "p:q" });
  assert.equal(basic.toHeader(), "Basic w7w6cDpx");
  assert.equal(new Authorization("bearer", null, "t").toHeader(), "Bearer t");
  assert.equal(new Authorization("digest", { username: "u", realm: "a b" }).toHeader(), 'Digest username=u, realm="a b"');
  assert.equal(new Authorization("x-custom", { a: "b", c: null }).toHeader(), "X-Custom a=b, c");
  assert.ok(Authorization.fromHeader("Bearer x")!.equals(new Authorization("bearer", null, "x")));
  assert.ok(Authorization.fromHeader("Basic dXNlcjpwYXNz")!.equals(new Authorization("basic", { username: "user", password: "pass" })));
});

test("WWWAuthenticate parses parameters or a token", () => {
  const parse = (value: string | null) => {
    const auth = WWWAuthenticate.fromHeader(value);
    return auth === null ? null : [auth.type, Object.fromEntries(auth.parameters), auth.token, auth.toHeader()];
  };
  assert.equal(parse(null), null);
  assert.equal(parse(""), null);
  assert.deepEqual(parse('Basic realm="x y"'), ["basic", { realm: "x y" }, null, 'Basic realm="x y"']);
  assert.deepEqual(parse("Bearer realm=api"), ["bearer", { realm: "api" }, null, "Bearer realm=api"]);
  assert.deepEqual(parse("Bearer"), ["bearer", {}, "", "Bearer "]);
  assert.deepEqual(parse('Digest realm=r, nonce=n, qop="auth,auth-int", opaque=o, algorithm=MD5, stale=FALSE'), [
    "digest",
    { realm: "r", nonce: "n", qop: "auth,auth-int", opaque: "o", algorithm: "MD5", stale: "FALSE" },
    null,
    'Digest realm="r", nonce="n", qop="auth,auth-int", opaque="o", algorithm=MD5, stale=FALSE',
  ]);
  assert.deepEqual(parse("Negotiate abc=="), ["negotiate", {}, "abc==", "Negotiate abc=="]);
});

test("WWWAuthenticate.toHeader quotes Digest's realm, domain, nonce, opaque and qop", () => {
  const digest = new WWWAuthenticate("digest", { realm: "r", nonce: "abc", qop: "auth", algorithm: "MD5", domain: "/a /b", stale: "TRUE" });
  assert.equal(digest.toHeader(), 'Digest realm="r", nonce="abc", qop="auth", algorithm=MD5, domain="/a /b", stale=TRUE');
  assert.equal(new WWWAuthenticate("bearer", null, "tok").toHeader(), "Bearer tok");
  assert.equal(new WWWAuthenticate("x-api").toHeader(), "X-Api");
  assert.equal(new WWWAuthenticate("bearer", { realm: "api", error: "invalid token" }).toHeader(), 'Bearer realm=api, error="invalid token"');
});

test("WWWAuthenticate calls onUpdate when its parameters, token or type change", () => {
  const calls: string[] = [];
  const auth = new WWWAuthenticate("basic");
  auth.onUpdate = (a) => calls.push(a.toHeader());
  auth.set("realm", "r");
  auth.parameters.set("charset", "UTF-8");
  auth.delete("charset");
  auth.realm = "site";
  auth.type = "bearer";
  auth.token = "t";
  assert.deepEqual(calls, ["Basic realm=r", "Basic realm=r, charset=UTF-8", "Basic realm=r", "Basic realm=site", "Bearer realm=site", "Bearer t"]);
});
