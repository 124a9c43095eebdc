/**
 * wz: the runtime apps import. Each folder has its own barrel; this file only re-exports.
 * @module wz
 */
export * from "./exceptions.js";
export * from "./datastructures/index.js";
export * from "./http/index.js";
export * from "./wrappers/index.js";
export * from "./forms/index.js";
export * from "./serving/index.js";
export * from "./testing/index.js";
export * from "./dev/index.js";
export * from "./security/index.js";
export * from "./middleware/index.js";
export * from "./utils/index.js";
