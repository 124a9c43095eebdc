// Type-level tests: every `@ts-expect-error` line must fail to type-check, every other line must
// pass. Checked by test/routing-types.test.ts with tsc --noEmit.
import type { HTTPException } from "wz";
import map, { urlFor, defineEndpoints, type Endpoint, type ParamsOf, type MatchParamsOf, type RouteMatch } from "./routes.gen.js";

urlFor("index");
urlFor("user.show", { id: 5 });
urlFor("page");
urlFor("page", { n: 2 });
urlFor("files", { name: "a/b.txt" });
urlFor("api.item", { id: "8f7a2c1e-0000-4000-8000-000000000001" });
urlFor("user.show", { id: 5 }, { query: { q: "x", tags: ["a", "b"] }, anchor: "top", forceExternal: true });

// @ts-expect-error an unknown endpoint
urlFor("user.shw", { id: 5 });
// @ts-expect-error a missing parameter
urlFor("user.show", {});
// @ts-expect-error parameters are required when the endpoint has required ones
urlFor("user.show");
// @ts-expect-error an int parameter takes a number
urlFor("user.show", { id: "5" });
// @ts-expect-error an extra parameter (query pairs go in options.query)
urlFor("user.show", { id: 5, extra: 1 });
// @ts-expect-error an endpoint without parameters takes no keys
urlFor("index", { id: 1 });
// @ts-expect-error an extra key, even one set to undefined
urlFor("files", { name: "a", extra: undefined });
// An endpoint with two rules takes the values of either rule...
urlFor("person", { id: 1 });
urlFor("person", { name: "ada" });
// @ts-expect-error ...but not none (Werkzeug would raise BuildError)
urlFor("person", {});
// @ts-expect-error ...and not a mix of both rules' values
urlFor("person", { id: 1, name: "ada" });
// A default may be left out or given as itself; another value cannot build that rule.
urlFor("lang");
urlFor("lang", { code: "en" });
// @ts-expect-error a default given as another value
urlFor("lang", { code: "fr" });
// @ts-expect-error a float parameter takes a number
urlFor("price", { amount: "1.5" });
// @ts-expect-error query values are strings, numbers, booleans or arrays of them
urlFor("index", undefined, { query: { q: { nested: true } } });

const endpoint: Endpoint = "api.item";
// @ts-expect-error not an endpoint
const notAnEndpoint: Endpoint = "nope";
const params: ParamsOf<"page"> = {};
const matched: MatchParamsOf<"page"> = { n: 1 };
// @ts-expect-error a match of "page" always has n
const unmatched: MatchParamsOf<"page"> = {};

function describe(m: RouteMatch): string {
  if (m.endpoint === "user.show") return `user ${m.params.id.toFixed(0)}`;
  if (m.endpoint === "files") return m.params.name.toUpperCase();
  return m.endpoint;
}

interface Req {
  host: string;
  scheme: string;
  method: string;
  path: string;
}
const app = defineEndpoints<Req, string>({
  index: () => "home",
  "user.show": (_request, { id }) => `user ${id + 1}`,
  page: (_request, { n }) => `page ${n * 2}`,
  files: (_request, { name }) => name.toLowerCase(),
  price: (_request, { amount }) => amount.toFixed(2),
  "api.item": (_request, { id }) => id.toUpperCase(),
  person: (_request, params) => ("id" in params ? `person ${params.id}` : "person by name"),
  lang: (_request, { code }) => code,
});
const handled: string | HTTPException | PromiseLike<string | HTTPException> = app.handle({ host: "example.com", scheme: "http", method: "GET", path: "/" });

// @ts-expect-error every endpoint needs a handler
defineEndpoints<Req, string>({ index: () => "home" });
defineEndpoints<Req, string>({
  index: () => "home",
  // @ts-expect-error params are typed per endpoint: id is a number
  "user.show": (_request, { id }: { id: string }) => id,
  page: () => "",
  files: () => "",
  price: () => "",
  "api.item": () => "",
  person: () => "",
  lang: () => "",
});

void [map, endpoint, notAnEndpoint, params, matched, unmatched, describe, handled];
