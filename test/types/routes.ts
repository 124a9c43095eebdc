// Routes for the type-level tests of the generated module (urlFor, ParamsOf, defineEndpoints).
import { routes, rule, submount } from "wz/routing";

export default routes({}, [
  rule("/", { endpoint: "index" }),
  rule("/users/<int:id>", { endpoint: "user.show", methods: ["GET", "POST"] }),
  rule("/page/", { endpoint: "page", defaults: { n: 1 } }),
  rule("/page/<int:n>", { endpoint: "page" }),
  rule("/files/<path:name>", { endpoint: "files" }),
  rule("/price/<float:amount>", { endpoint: "price" }),
  rule("/people/<int:id>", { endpoint: "person" }),
  rule("/people/by-name/<name>", { endpoint: "person" }),
  rule("/lang/", { endpoint: "lang", defaults: { code: "en" } }),
  submount("/api", [rule("/items/<uuid:id>", { endpoint: "api.item" })]),
]);
