// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDate, httpDate, parseAge, dumpAge } from "wz";

const seconds = (value: string | null) => {
  const date = parseDate(value);
  return date === null ? null : date.getTime() / 1000;
};

test("parseDate reads IMF-fixdate, RFC 850 and asctime forms", () => {
  assert.equal(seconds("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  assert.equal(seconds("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  assert.equal(seconds("Sun Nov  6 08:49:37 1994"), 784111777);
  assert.equal(seconds("Sun,06 Nov 1994 08:49:37 GMT"), 784111777);
  assert.equal(seconds("Nov 6 1994 08:49:37"), 784111777);
  assert.equal(seconds("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
});

test("parseDate applies numeric offsets and zone names; no zone means UTC", () => {
  assert.equal(seconds("Sun, 06 Nov 1994 08:49:37 +0200"), 784104577);
  assert.equal(seconds("Sun, 06 Nov 1994 08:49:37 -0130"), 784117177);
  assert.equal(seconds("06 Nov 1994 08:49:37"), 784111777);
  assert.equal(seconds("Sun, 06 Nov 1994 08:49 EST"), 784129740);
  assert.equal(seconds("Sun, 06 November 1994 08.49.37 PDT"), 784136977);
});

test("parseDate expands two-digit years like Python (69-99 -> 19xx, else 20xx)", () => {
  assert.equal(seconds("Sun, 06 Nov 94 08:49:37 GMT"), 784111777);
  assert.equal(seconds("Sun, 06 Nov 50 08:49:37 GMT"), 2551337377);
});

test("parseDate gives null for missing, malformed or out-of-range dates", () => {
  for (const value of [
    null,
    "",
    "garbage",
    "Sun, 31 Feb 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:49:60 GMT",
    "Sun, 06 Nov 1994 08:49:37 +2400",
    "Mon, 29 Feb 1900 00:00:00 GMT",
  ]) {
    assert.equal(parseDate(value), null, String(value));
  }
  assert.equal(seconds("Sun, 29 Feb 2000 00:00:00 GMT"), 951782400);
});

test("httpDate formats an IMF-fixdate from a Date or from seconds since the epoch", () => {
  assert.equal(httpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  assert.equal(httpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  assert.equal(httpDate(784111777.9), "Sun, 06 Nov 1994 08:49:37 GMT");
  assert.equal(httpDate(-1.5), "Wed, 31 Dec 1969 23:59:58 GMT");
  assert.equal(httpDate(new Date(Date.UTC(2024, 1, 29, 23, 59, 59))), "Thu, 29 Feb 2024 23:59:59 GMT");
  assert.match(httpDate(), /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
  assert.throws(() => httpDate(new Date(NaN)), TypeError);
});

test("parseAge accepts Python int() text and refuses negatives", () => {
  assert.deepEqual([null, "", "0", "120", "-1", "abc", "+5", " 7 ", "1_0", "1.5"].map(parseAge), [null, null, 0, 120, null, null, 5, 7, 10, null]);
});

test("dumpAge writes whole seconds and refuses negatives", () => {
  assert.equal(dumpAge(null), null);
  assert.equal(dumpAge(30), "30");
  assert.equal(dumpAge(30.9), "30");
  assert.throws(() => dumpAge(-1), { message: "age cannot be negative" });
});
