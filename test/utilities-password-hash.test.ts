// generatePasswordHash / checkPasswordHash beyond the recorded Werkzeug answers
// (utilities-werkzeug-answers.test.ts): format, defaults, errors, and work off the event loop.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkPasswordHash, generatePasswordHash } from "wz";

test("generatePasswordHash defaults to scrypt:32768:8:1 with 16 letters and digits of salt and a 64-byte key", async () => {
  const hash = await generatePasswordHash("correct horse");
  assert.match(hash, /^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$/);
  assert.notEqual(await generatePasswordHash("correct horse"), hash, "a fresh salt each time");
  assert.equal(await checkPasswordHash(hash, "correct horse"), true);
  assert.equal(await checkPasswordHash(hash, "correct horsE"), false);
});

test("generatePasswordHash writes each method's parameters into the hash", async () => {
  assert.match(await generatePasswordHash("x", { method: "pbkdf2:sha256:1000", saltLength: 4 }), /^pbkdf2:sha256:1000\$[A-Za-z0-9]{4}\$[0-9a-f]{64}$/);
  assert.match(await generatePasswordHash("x", { method: "pbkdf2:sha512:10" }), /^pbkdf2:sha512:10\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$/);
  assert.match(await generatePasswordHash("x", { method: "scrypt:1024:1:1" }), /^scrypt:1024:1:1\$/);
});

test("generatePasswordHash rejects an unknown method, bad parameters and a salt shorter than 1", async () => {
  await assert.rejects(generatePasswordHash("x", { method: "md5" }), /invalid hash method 'md5'/);
  await assert.rejects(generatePasswordHash("x", { method: "scrypt:1:2" }), /'scrypt' takes 3 arguments/);
  await assert.rejects(generatePasswordHash("x", { method: "pbkdf2:sha256:1:2" }), /'pbkdf2' takes 2 arguments/);
  await assert.rejects(generatePasswordHash("x", { method: "pbkdf2:nodigest:10" }), /unsupported pbkdf2 digest/);
  await assert.rejects(generatePasswordHash("x", { saltLength: 0 }), /salt length must be at least 1/);
});

test("hashing runs off the event loop: other callbacks keep running while scrypt works", async () => {
  let turns = 0;
  let running = true;
  const spin = () => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  const hash = await generatePasswordHash("secret");
  const turnsWhileHashing = turns;
  assert.equal(await checkPasswordHash(hash, "secret"), true);
  running = false;
  assert.ok(turnsWhileHashing > 1, `the event loop turned ${turnsWhileHashing} times during one default scrypt`);
  assert.ok(turns > turnsWhileHashing + 1, "and again while checking");
});
