// Password hashes in Werkzeug 3.1.8's format (security.generate_password_hash /
// check_password_hash): `method$salt$hexdigest`, so hashes move between a Flask app and a wz
// app both ways. The key derivation runs on libuv's thread pool (crypto.scrypt / pbkdf2), never
// on the event loop: scrypt at its default cost takes tens of milliseconds.
import { createHash, getHashes, pbkdf2, randomInt, scrypt, timingSafeEqual } from "node:crypto";

const saltChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const defaultPbkdf2Iterations = 1_000_000;

export interface PasswordHashOptions {
  /**
   * `scrypt` (default, `scrypt:32768:8:1`), `scrypt:N:r:p`, `pbkdf2` (`pbkdf2:sha256:1000000`),
   * `pbkdf2:digest` or `pbkdf2:digest:iterations`.
   */
  method?: string;
  /** Characters of random salt (letters and digits). Default 16. */
  saltLength?: number;
}

/** A derivation resolved from a method string: what to run, and the method as it is stored. */
interface Derivation {
  method: string;
  derive(password: Buffer, salt: Buffer): Promise<Buffer>;
}

/** The derivation for `method`, or an Error saying what is wrong with it. */
function parseMethod(method: string): Derivation | Error {
  const [name, ...args] = method.split(":");
  if (name === "scrypt") {
    let cost = [2 ** 15, 8, 1];
    if (args.length > 0) {
      if (args.length !== 3 || !args.every((arg) => /^\s*[+-]?\d+\s*$/.test(arg))) return new RangeError("wz: 'scrypt' takes 3 arguments.");
      cost = args.map(Number);
    }
    const [N, r, p] = cost as [number, number, number];
    // Node refuses N=32768, r=8 under its 32 MiB default; Werkzeug allows 132 * N * r * p.
    const options = { N, r, p, maxmem: 132 * N * r * p };
    return {
      method: `scrypt:${N}:${r}:${p}`,
      derive: (password, salt) =>
        new Promise((resolve, reject) => {
          scrypt(password, salt, 64, options, (error, key) => (error ? reject(error) : resolve(key)));
        }),
    };
  }
  if (name === "pbkdf2") {
    if (args.length > 2) return new RangeError("wz: 'pbkdf2' takes 2 arguments.");
    const digest = args[0] ?? "sha256";
    if (args[1] !== undefined && !/^\s*[+-]?\d+\s*$/.test(args[1])) return new RangeError(`wz: invalid pbkdf2 iterations '${args[1]}'.`);
    const iterations = args[1] === undefined ? defaultPbkdf2Iterations : Number(args[1]);
    if (!getHashes().includes(digest.toLowerCase())) return new RangeError(`wz: unsupported pbkdf2 digest '${digest}'.`);
    if (!(iterations >= 1)) return new RangeError(`wz: pbkdf2 needs at least 1 iteration, not ${iterations}.`);
    const keyLength = digestLength(digest);
    return {
      method: `pbkdf2:${digest}:${iterations}`,
      derive: (password, salt) =>
        new Promise((resolve, reject) => {
          pbkdf2(password, salt, iterations, keyLength, digest.toLowerCase(), (error, key) => (error ? reject(error) : resolve(key)));
        }),
    };
  }
  return new RangeError(`wz: invalid hash method '${name}'.`);
}

// hashlib.pbkdf2_hmac's default key length is the digest size.
const digestLengths = new Map<string, number>();
function digestLength(digest: string): number {
  let length = digestLengths.get(digest);
  if (length === undefined) {
    length = createHash(digest.toLowerCase()).digest().length;
    digestLengths.set(digest, length);
  }
  return length;
}

function generateSalt(length: number): string {
  let salt = "";
  for (let i = 0; i < length; i++) salt += saltChars[randomInt(saltChars.length)];
  return salt;
}

/**
 * Hashes a password for storage: `await generatePasswordHash("secret")` gives
 * `scrypt:32768:8:1$<16 salt chars>$<128 hex digits>`. Rejects with a RangeError for an unknown
 * method or a salt length below 1.
 */
export async function generatePasswordHash(password: string, options: PasswordHashOptions = {}): Promise<string> {
  const saltLength = options.saltLength ?? 16;
  if (!Number.isInteger(saltLength) || saltLength <= 0) throw new RangeError("wz: salt length must be at least 1.");
  const derivation = parseMethod(options.method ?? "scrypt");
  if (derivation instanceof Error) throw derivation;
  const salt = generateSalt(saltLength);
  const key = await derivation.derive(Buffer.from(password, "utf8"), Buffer.from(salt, "utf8"));
  return `${derivation.method}$${salt}$${key.toString("hex")}`;
}

/**
 * True when `password` matches a hash from `generatePasswordHash` (or Werkzeug's). The digests
 * are compared in constant time; a malformed or unsupported hash gives false, never an error.
 */
export async function checkPasswordHash(hash: string, password: string): Promise<boolean> {
  if (typeof hash !== "string" || typeof password !== "string") return false;
  const first = hash.indexOf("$");
  const second = first === -1 ? -1 : hash.indexOf("$", first + 1);
  if (second === -1) return false;
  const derivation = parseMethod(hash.slice(0, first));
  if (derivation instanceof Error) return false;
  const expected = Buffer.from(hash.slice(second + 1), "utf8");
  let key: Buffer;
  try {
    key = await derivation.derive(Buffer.from(password, "utf8"), Buffer.from(hash.slice(first + 1, second), "utf8"));
  } catch {
    return false; // parameters the KDF refuses (N not a power of two, memory over the limit, ...)
  }
  const actual = Buffer.from(key.toString("hex"), "utf8");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
