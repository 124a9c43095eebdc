// Not a type test of its own: test/routing-types.test.ts compiles this file and expects exactly
// one error, whose message lists the valid endpoint names (the set is small).
import { urlFor } from "./routes.gen.js";

urlFor("user.shw", { id: 5 });
