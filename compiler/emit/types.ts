// Endpoint and parameter types (interfaces keyed by endpoint: cheap for the type checker), and
// the typed `urlFor` / `defineEndpoints` wrappers over the runtime.
import type { AnalysedRule, RouteTable } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { key, str } from "./code.js";
import { piecesByEndpoint, rulesByEndpoint, type EndpointPieces } from "./endpoints.js";

/** Endpoint names are written out in urlFor's signature (so an error lists them) up to this many. */
const LISTED_ENDPOINTS = 12;

const valueType = (spec: ConverterSpec) => (spec.kind === "int" || spec.kind === "float" ? "number" : "string");
const literalType = (value: unknown) => (value === null ? "null" : typeof value);

/**
 * The values one rule builds from, Werkzeug's `Rule.suitable_for`: every variable without a
 * default is required; a default may be left out or given as exactly itself.
 */
function buildFields(rule: AnalysedRule): Map<string, { type: string; required: boolean }> {
  const fields = new Map<string, { type: string; required: boolean }>();
  for (const v of rule.variables) fields.set(v.name, { type: valueType(v.converter), required: true });
  for (const [name, value] of Object.entries(rule.defaults ?? {})) fields.set(name, { type: JSON.stringify(value), required: false });
  return fields;
}

/**
 * An endpoint's build values: the union of its rules' value sets, each closed against the
 * others' names (`name?: never`) so that a value from another rule's set is not silently
 * accepted. No values at all is an index signature of `never`: `{}` would accept any object.
 */
function buildType(rules: readonly AnalysedRule[]): string {
  const sets = rules.map(buildFields);
  const names = new Set<string>();
  for (const set of sets) for (const name of set.keys()) names.add(name);
  const members = new Set<string>();
  for (const set of sets) {
    const fields = [...set].map(([name, f]) => `${key(name)}${f.required ? "" : "?"}: ${f.type}`);
    for (const name of names) if (!set.has(name)) fields.push(`${key(name)}?: never`);
    members.add(fields.length ? `{ ${fields.join("; ")} }` : "NoParams");
  }
  return [...members].join(" | ");
}

/** The `RouteParams` and `MatchParams` entries of one endpoint. */
function endpointEntries(endpoint: string, rules: readonly AnalysedRule[]): { build: string; match: string } {
  // Most endpoints have one rule and no defaults: each value required, of its converter's type.
  if (rules.length === 1 && rules[0]!.defaults === null) {
    const fields = rules[0]!.variables.map((v) => `${key(v.name)}: ${valueType(v.converter)}`).join("; ");
    return { build: fields ? `{ ${fields} }` : "NoParams", match: `  ${str(endpoint)}: { ${fields}${fields ? ";" : ""} };` };
  }
  const types = new Map<string, Set<string>>();
  const add = (name: string, type: string) => types.set(name, (types.get(name) ?? new Set()).add(type));
  for (const rule of rules) {
    for (const v of rule.variables) add(v.name, valueType(v.converter));
    for (const [name, value] of Object.entries(rule.defaults ?? {})) add(name, literalType(value));
  }
  const field = (name: string, required: boolean) => `${key(name)}${required ? "" : "?"}: ${[...types.get(name)!].sort().join(" | ")}`;
  const matchFields = [...types.keys()].map((name) =>
    field(
      name,
      rules.every((r) => r.variables.some((v) => v.name === name) || (r.defaults !== null && name in r.defaults)),
    ),
  );
  return {
    build: buildType(rules),
    match: `  ${str(endpoint)}: { ${matchFields.join("; ")}${matchFields.length ? ";" : ""} };`,
  };
}

/**
 * `RouteParams` entries name shared aliases, one per distinct value set: while tsc infers an
 * endpoint for a `urlFor` call, the params literal is typed against `RouteParams[Endpoint]`, the
 * union of all entries, for every call. Written inline, a 10,000-route module made that a union
 * of 10,000 types (about 4 ms per call); aliased, it is a union of the distinct sets (56 there).
 * An alias is named for its fields, so signature help and errors still say what is expected.
 */
class ParamAliases {
  private readonly byType = new Map<string, string>();
  private readonly names = new Set<string>();
  readonly lines: string[] = [];

  name(type: string): string {
    if (type === "NoParams") return type;
    let alias = this.byType.get(type);
    if (alias === undefined) {
      const fields = [...new Set([...type.matchAll(/([\w$]+|"(?:[^"\\]|\\.)*")\??: /g)].map((m) => m[1]!.replace(/\W/g, "_")))];
      const stem = `Params_${fields.join("_")}`.slice(0, 60);
      alias = stem;
      for (let k = 2; this.names.has(alias); k++) alias = `${stem}_${k}`;
      this.names.add(alias);
      this.byType.set(type, alias);
      this.lines.push(`export type ${alias} = ${type};`);
    }
    return alias;
  }
}

/** `cache`: the previous save's entries (watch mode), updated in place. */
export function endpointTypes(table: RouteTable, cache?: { types?: EndpointPieces<{ build: string; match: string }> }): string[] {
  const byEndpoint = rulesByEndpoint(table);
  const made = piecesByEndpoint(byEndpoint, cache === undefined ? undefined : (cache.types ?? new Map()), endpointEntries);
  if (cache !== undefined) cache.types = made;
  const aliases = new ParamAliases();
  const build: string[] = [];
  const match: string[] = [];
  for (const [endpoint, { pieces }] of made) {
    build.push(`  ${str(endpoint)}: ${aliases.name(pieces.build)};`);
    match.push(pieces.match);
  }
  // A short list is written out where the endpoint is checked, so a wrong name's error shows the
  // valid ones (an alias would be printed as its name).
  const names = [...byEndpoint.keys()];
  const endpointConstraint = names.length > 0 && names.length <= LISTED_ENDPOINTS ? names.map(str).join(" | ") : "Endpoint";
  return [
    `/** No values: any key is an error. */`,
    `export type NoParams = { [key: string]: never };`,
    `/** The distinct value sets of RouteParams, each named for its fields. */`,
    ...aliases.lines,
    `/** Values each endpoint is built from, one set per rule (int/float -> number; a default may be left out or given as itself). */`,
    `export interface RouteParams {`,
    ...build,
    `}`,
    `/** Params a match of each endpoint yields (converted values and the rule's defaults). */`,
    `export interface MatchParams {`,
    ...match,
    `}`,
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
    `export function urlFor<E extends ${endpointConstraint}>(endpoint: E, ...args: {} extends ParamsOf<E> ? [params?: ParamsOf<E>, options?: rt.UrlForOptions] : [params: ParamsOf<E>, options?: rt.UrlForOptions]): string {`,
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
