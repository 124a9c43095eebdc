// Type-level tests of defineEndpoints: async handlers type-check by default, dispatch's result
// (a Response, an HTTPException, or a promise of either) is what an App returns, so no cast is
// needed. Every `@ts-expect-error` line must fail; every other line must pass, under tsc 6 and
// TypeScript 7 (test/routing-types.test.ts).
import { Response, NotFound, type App, type HTTPException, type Request } from "wz";
import type { Awaitable, Dispatcher } from "wz/routing";
import { defineEndpoints } from "./routes.gen.js";

const endpoints = defineEndpoints<Request, Response>({
  index: () => new Response("home"),
  "user.show": async (request, { id }) => {
    const form = await request.form();
    return new Response(`${id + 1} ${form.get("name")}`);
  },
  page: async (_request, { n }) => (n > 9 ? new NotFound() : new Response(`page ${n}`)),
  files: (_request, { name }) => new Response(name.toUpperCase()),
  price: (_request, { amount }) => new Response(amount.toFixed(2)),
  "api.item": async (_request, { id }) => {
    if (id.length !== 36) throw new NotFound();
    return new Response(id);
  },
});

// An app is one line, with no cast.
const app: App = (request) => endpoints.dispatch(request);
export default function namedApp(request: Request) {
  return endpoints.dispatch(request);
}
const asApp: App = namedApp;
const result: Awaitable<Response | HTTPException> = endpoints.dispatch(null as unknown as Request);
const dispatcher: Dispatcher<Request, Response> = endpoints;

// Without type arguments, the result type is inferred from the handlers, async ones included.
const inferred = defineEndpoints({
  index: () => "home",
  "user.show": async (_request, { id }) => `user ${id}`,
  page: () => "page",
  files: () => "files",
  price: () => "price",
  "api.item": () => "item",
});
const inferredResult: Awaitable<string | HTTPException> = inferred.dispatch({ host: "h", scheme: "http", method: "GET", path: "/" });

defineEndpoints<Request, Response>({
  // @ts-expect-error a handler must answer with the response type (or an HTTP exception)
  index: async () => "home",
  "user.show": () => new Response(""),
  page: () => new Response(""),
  files: () => new Response(""),
  price: () => new Response(""),
  "api.item": () => new Response(""),
});

// @ts-expect-error dispatch may answer with an exception or a promise: not a bare Response
const notAResponse: Response = endpoints.dispatch(null as unknown as Request);

void [app, asApp, result, dispatcher, inferredResult, notAResponse];
