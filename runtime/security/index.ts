// Barrel: path joining and password hashes (Werkzeug's security module).
export { safeJoin } from "./safe-join.js";
export { generatePasswordHash, checkPasswordHash, type PasswordHashOptions } from "./password-hash.js";
