// Endpoint and parameter types (interfaces keyed by endpoint: cheap for the type checker), and
// the typed `urlFor` / `defineEndpoints` wrappers over the runtime.
import type { RouteTable } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { key, str } from "./code.js";
import { rulesByEndpoint } from "./endpoints.js";

export function endpointTypes(table: RouteTable): string[] {
  const byEndpoint = rulesByEndpoint(table);
  const valueType = (spec: ConverterSpec) => (spec.kind === "int" || spec.kind === "float" ? "number" : "string");
  const literalType = (value: unknown) => (value === null ? "null" : typeof value);
  const build: string[] = [];
  const match: string[] = [];
  for (const [endpoint, rules] of byEndpoint) {
    const types = new Map<string, Set<string>>();
    const add = (name: string, type: string) => types.set(name, (types.get(name) ?? new Set()).add(type));
    for (const rule of rules) {
      for (const v of rule.variables) add(v.name, valueType(v.converter));
      for (const [name, value] of Object.entries(rule.defaults ?? {})) add(name, literalType(value));
    }
    const field = (name: string, required: boolean) => `${key(name)}${required ? "" : "?"}: ${[...types.get(name)!].sort().join(" | ")}`;
    const buildFields = [...types.keys()].map((name) =>
      field(name, rules.every((r) => r.variables.some((v) => v.name === name) && !(r.defaults && name in r.defaults))),
    );
    const matchFields = [...types.keys()].map((name) =>
      field(name, rules.every((r) => r.variables.some((v) => v.name === name) || (r.defaults !== null && name in r.defaults))),
    );
    build.push(`  ${str(endpoint)}: { ${buildFields.join("; ")}${buildFields.length ? ";" : ""} };`);
    match.push(`  ${str(endpoint)}: { ${matchFields.join("; ")}${matchFields.length ? ";" : ""} };`);
  }
  return [
    `/** Values each endpoint is built from (int/float -> number; optional where a default or another rule covers it). */`,
    `export interface RouteParams {`, ...build, `}`,
    `/** Params a match of each endpoint yields (converted values and the rule's defaults). */`,
    `export interface MatchParams {`, ...match, `}`,
    `export type Endpoint = keyof RouteParams;`,
    `export type ParamsOf<E extends Endpoint> = RouteParams[E];`,
    `export type MatchParamsOf<E extends Endpoint> = MatchParams[E];`,
    `/** A match result, narrowed by endpoint. */`,
    `export type RouteMatch = { [E in Endpoint]: { endpoint: E; params: MatchParams[E] } }[Endpoint];`,
    ``,
    `/**`,
    ` * Builds a URL for an endpoint. Inside a request (with the request context on) it builds as that`,
    ` * request's adapter does; outside one, relative to "/" as an adapter bound to localhost. A wrong`,
    ` * endpoint or a missing, extra or mistyped parameter fails to type-check; query pairs go in`,
    ` * \`options.query\`.`,
    ` */`,
    `export function urlFor<E extends Endpoint>(endpoint: E, ...args: {} extends ParamsOf<E> ? [params?: ParamsOf<E>, options?: rt.UrlForOptions] : [params: ParamsOf<E>, options?: rt.UrlForOptions]): string {`,
    `  return rt.urlForWith(map, FAST, endpoint, args[0] as Params | undefined, args[1]);`,
    `}`,
    ``,
    `/**`,
    ` * One handler per endpoint, sync or async, each seeing its params typed; a missing endpoint is a`,
    ` * type error.`,
    ` */`,
    `export type EndpointHandlers<Req, Res> = { [E in Endpoint]: rt.EndpointHandler<Req, MatchParams[E], Res> };`,
    ``,
    `/**`,
    ` * Binds handlers to endpoints. \`dispatch(request)\` matches the request and calls the handler; a`,
    ` * routing outcome (NotFound, MethodNotAllowed, RequestRedirect, WebsocketMismatch) comes back as`,
    ` * its HTTP exception, which an app may return as is.`,
    ` */`,
    `export function defineEndpoints<Req extends RequestLike, Res>(handlers: EndpointHandlers<Req, Res>): rt.Dispatcher<Req, Res> {`,
    `  return rt.defineEndpointsWith(map, handlers as Record<string, rt.EndpointHandler<Req, any, Res>>);`,
    `}`,
  ];
}
