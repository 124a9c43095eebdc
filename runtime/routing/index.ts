// wz/routing: what route declarations and generated modules import.
export { routes, rule, submount, subdomain, endpointPrefix } from "./declare.js";
export type {
  RoutesOptions, MapOptions, RuleOptions, DefaultValue, ConverterFactory, Declaration, RoutesDeclaration,
  RuleDeclaration, SubmountDeclaration, SubdomainDeclaration, EndpointPrefixDeclaration,
} from "./declare.js";
export { ValidationError } from "./converter.js";
export type { Converter } from "./converter.js";
export { NotFound, MethodNotAllowed, RequestRedirect, WebsocketMismatch, BuildError } from "../exceptions.js";
export { RouteMap, MapAdapter } from "./map.js";
export type {
  MatchResult, MatchOptions, BindOptions, BuildOptions, RequestLike, RuleInfo, CompiledRoutes, Params,
  MatchState, ResolvedRuleOptions,
} from "./map.js";
export * as rt from "./rt.js";
