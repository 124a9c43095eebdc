// Barrel: Request, Response, redirect and the request context.
export { Request, hostIsTrusted, type RequestInit, type JsonOptions } from "./request.js";
export type { BodySource } from "./request-body.js";
export { Response, type ResponseBody, type ResponseOptions, type BodyChunk } from "./response.js";
export { redirect } from "./redirect.js";
// Loading the wrappers installs the renderer behind HTTPException.getResponse.
import "./exception-response.js";
export { prepareResponse, type PreparedResponse } from "./finalize.js";
export { statusPhrases } from "./status.js";
export { iriToUri } from "./iri.js";
export { requestInitFromNode, type NodeRequestOptions } from "./node-request.js";
export {
  enableRequestContext,
  requestContextEnabled,
  currentRequest,
  maybeCurrentRequest,
  request,
  runInRequestContext,
} from "./context.js";
export { sendFile, FileBody, type SendFileOptions } from "./send-file.js";
export type { ConditionalOptions } from "./conditional.js";
