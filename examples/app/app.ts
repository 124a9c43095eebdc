// The example app: typed handlers per endpoint, URLs built with urlFor.
//   npx wz dev examples/app/app.ts --routes examples/app/routes.ts
import { Response, type Request } from "wz";
import { defineEndpoints, urlFor } from "./routes.gen.js";

const endpoints = defineEndpoints<Request, Response>({
  index: () =>
    new Response(`<a href="${urlFor("hello", { name: "wz" })}">hello</a> <a href="${urlFor("item", { id: 7 })}">item 7</a>`, {
      mimetype: "text/html",
    }),
  hello: (_request, { name }) => new Response(`Hello, ${name}!`),
  item: (request, { id }) => new Response(JSON.stringify({ id, deleted: request.method === "DELETE" }), { mimetype: "application/json" }),
});

// Routing outcomes (404, 405 with Allow, 308) come back as HTTP exceptions; wz renders them.
export default function app(request: Request) {
  return endpoints.dispatch(request);
}
