// wz: the runtime apps import.
export * from "./exceptions.js";
