// The example app's URL map (compiled by `wz-compile`, or by `wz dev --routes`).
import { routes, rule } from "wz/routing";

export default routes({}, [
  rule("/", { endpoint: "index" }),
  rule("/hello/<name>", { endpoint: "hello" }),
  rule("/items/<int(min=1):id>", { endpoint: "item", methods: ["GET", "DELETE"] }),
]);
