/**
 * wz/routing: what route declarations and generated modules import.
 * @module wz/routing
 */
export { routes, rule, submount, subdomain, endpointPrefix } from "./declare.js";
export type {
  RoutesOptions,
  MapOptions,
  RuleOptions,
  DefaultValue,
  ConverterFactory,
  Declaration,
  RoutesDeclaration,
  RuleDeclaration,
  SubmountDeclaration,
  SubdomainDeclaration,
  EndpointPrefixDeclaration,
} from "./declare.js";
export { ValidationError } from "./converter.js";
export type { Converter } from "./converter.js";
export { NotFound, MethodNotAllowed, RequestRedirect, WebsocketMismatch, BuildError } from "../exceptions.js";
export { RouteMap, MapAdapter } from "./map.js";
export type {
  MatchResult,
  MatchOptions,
  BindOptions,
  BuildOptions,
  RequestLike,
  RuleInfo,
  CompiledRoutes,
  Params,
  MatchState,
  ResolvedRuleOptions,
  BuildOp,
  LookupResult,
  LookupOutcome,
  MethodNotAllowedOutcome,
  RedirectOutcome,
  WebsocketMismatchOutcome,
} from "./map.js";
export type { RuntimeConverter, Invalid, INVALID } from "./converters.js";
// Named here too: types that appear in what the generated modules return must be nameable from a
// public entry, or TypeScript 7 cannot write the .d.ts of `export const x = defineEndpoints(...)` (TS2883).
export type { Dispatcher, EndpointHandler, UrlForOptions, QueryValue, Awaitable } from "./endpoints.js";
/** @internal What generated modules call at run time; not for application code. */
export * as rt from "./rt.js";
