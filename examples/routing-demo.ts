// What `npm run demo` runs: the Flask-style fixture compiled by wz-compile, then matched and
// built as an app would. Run it with `npx tsx examples/routing-demo.ts` after `npm run demo` once.
import map, { urlFor } from "../fixtures/flask-app/routes.gen.js";
import { MethodNotAllowed, RequestRedirect, NotFound } from "wz/routing";

const adapter = map.bind("example.com");
const show = (label: string, run: () => unknown) => {
  try {
    console.log(`${label.padEnd(44)} -> ${JSON.stringify(run())}`);
  } catch (e) {
    if (e instanceof RequestRedirect) console.log(`${label.padEnd(44)} -> 308 ${e.newUrl}`);
    else if (e instanceof MethodNotAllowed) console.log(`${label.padEnd(44)} -> 405 allow ${e.validMethods.join(", ")}`);
    else if (e instanceof NotFound) console.log(`${label.padEnd(44)} -> 404`);
    else throw e;
  }
};

show(`match GET /users/42`, () => adapter.match("/users/42", "GET"));
show(`match GET /blog/2024/05/hello-world`, () => adapter.match("/blog/2024/05/hello-world", "GET"));
show(`match GET /shop/near/-33.86/151.2`, () => adapter.match("/shop/near/-33.86/151.2", "GET"));
show(`match GET /blog/page/1 (defaults redirect)`, () => adapter.match("/blog/page/1", "GET"));
show(`match GET /docs/api (strict slashes)`, () => adapter.match("/docs/api", "GET", { queryString: "v=2" }));
show(`match DELETE /api/v1/search (405)`, () => adapter.match("/api/v1/search", "DELETE"));
show(`match GET /nope (404)`, () => adapter.match("/nope", "GET"));
show(`tryMatch GET /nope`, () => adapter.tryMatch("/nope", "GET"));
show(`urlFor("users.show", { id: 7 })`, () => urlFor("users.show", { id: 7 }));
show(`urlFor("blog.index", { page: 1 })`, () => urlFor("blog.index", { page: 1 }));
show(`urlFor("static", { filename: "css/a b.css" })`, () => urlFor("static", { filename: "css/a b.css" }));
show(`build("localized.page", { lang: "de", page: "faq" })`, () => adapter.build("localized.page", { lang: "de", page: "faq" }));
