// Barrel: the in-process test client.
export { Client, TestResponse, ClientRedirectError, type ClientOptions, type RequestOptions, type FormData } from "./client.js";
export type { Cookie, CookieJar } from "./cookie-jar.js";
