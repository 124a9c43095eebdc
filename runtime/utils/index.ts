// Barrel: helpers from Werkzeug's utils and urls modules.
export { sendFromDirectory } from "./send-from-directory.js";
export { uriToIri } from "./uri-to-iri.js";
export { escapeHtml as escape } from "../wrappers/status.js";
