// The request context: the current Request from deep code, without passing it down.
//
// Backed by AsyncLocalStorage, which on Node 20 installs promise hooks for the whole process the
// first time it runs. So the storage is created only when an app asks for it with
// `enableRequestContext()`; until then dispatch calls the app directly and pays nothing.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Request } from "./request.js";

let storage: AsyncLocalStorage<Request> | undefined;

/** Turns the request context on for every later request (idempotent; call once at startup). */
export function enableRequestContext(): void {
  storage ??= new AsyncLocalStorage<Request>();
}

/** True once `enableRequestContext()` was called. */
export function requestContextEnabled(): boolean {
  return storage !== undefined;
}

/** Runs `fn` with `request` as the current request when the context is enabled. */
export function runInRequestContext<T>(request: Request, fn: (request: Request) => T): T {
  return storage === undefined ? fn(request) : storage.run(request, fn, request);
}

/** The request being handled, or undefined outside a request (or with the context off). */
export function maybeCurrentRequest(): Request | undefined {
  return storage?.getStore();
}

/** The request being handled; throws outside a request, saying why. */
export function currentRequest(): Request {
  if (storage === undefined) {
    throw new Error("wz: the request context is off: call enableRequestContext() once at startup to use currentRequest() or `request`");
  }
  const request = storage.getStore();
  if (request === undefined) throw new Error("wz: working outside of a request: no current request");
  return request;
}

/**
 * A stand-in for the current request (Werkzeug's LocalProxy, Flask's `request`): every property
 * read, call and `instanceof Request` check goes to `currentRequest()` at the moment it happens.
 */
export const request: Request = new Proxy(Object.create(null) as Request, {
  get(_target, key) {
    const current = currentRequest();
    const value = Reflect.get(current, key, current);
    return typeof value === "function" ? value.bind(current) : value;
  },
  set(_target, key, value) {
    return Reflect.set(currentRequest(), key, value);
  },
  has(_target, key) {
    return key in currentRequest();
  },
  getPrototypeOf() {
    return Object.getPrototypeOf(currentRequest());
  },
});
