// Expected answers were asked of Werkzeug 3.1.8 (PYTHONPATH=/tmp/wzsrc/src python3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Range, ContentRange, IfRange, isByteRangeValid } from "wz";

const parse = (value: string | null) => {
  const range = Range.fromHeader(value);
  return range === null ? null : [range.units, range.ranges.map((r) => [...r])];
};

test("Range stores half-open ranges, suffixes as a negative start", () => {
  assert.deepEqual(parse("bytes=0-499"), ["bytes", [[0, 500]]]);
  assert.deepEqual(parse("Bytes=0-0,-1"), [
    "bytes",
    [
      [0, 1],
      [-1, null],
    ],
  ]);
  assert.deepEqual(parse("bytes=500-"), ["bytes", [[500, null]]]);
  assert.deepEqual(parse("bytes=-500"), ["bytes", [[-500, null]]]);
  assert.deepEqual(parse("bytes=0-1,3-"), [
    "bytes",
    [
      [0, 2],
      [3, null],
    ],
  ]);
  assert.deepEqual(parse("bytes=0-"), ["bytes", [[0, null]]]);
  assert.deepEqual(parse("bytes= 0 - 5 , 10 - 20"), [
    "bytes",
    [
      [0, 6],
      [10, 21],
    ],
  ]);
  assert.deepEqual(parse("items=0-9"), ["items", [[0, 10]]]);
  assert.deepEqual(parse("bytes=-0"), ["bytes", [[0, null]]]);
  assert.deepEqual(parse("bytes=0-1,-5"), [
    "bytes",
    [
      [0, 2],
      [-5, null],
    ],
  ]);
});

test("Range.fromHeader gives null for malformed, overlapping or unordered ranges", () => {
  for (const value of [
    null,
    "",
    "bytes",
    "bytes=0-1,1-2",
    "bytes=2-3,0-1",
    "bytes=-5,0-1",
    "bytes=5-4",
    "bytes=a-b",
    "bytes=+1-2",
    "bytes=0-1,,2-3",
    "bytes=-",
    "bytes=1-2-3",
    "bytes=0-1,-5,-6",
  ]) {
    assert.equal(Range.fromHeader(value), null, String(value));
  }
});

test("rangeForLength resolves one bytes range against the length", () => {
  const cases: [string, number | null, [number, number] | null, string | null][] = [
    ["bytes=0-499", 1000, [0, 500], "bytes 0-499/1000"],
    ["bytes=0-499", 100, [0, 100], "bytes 0-99/100"],
    ["bytes=-500", 100, null, null],
    ["bytes=-50", 100, [50, 100], "bytes 50-99/100"],
    ["bytes=50-", 100, [50, 100], "bytes 50-99/100"],
    ["bytes=100-", 100, null, null],
    ["bytes=0-0", 1, [0, 1], "bytes 0-0/1"],
    ["bytes=0-1,3-4", 10, null, null],
    ["items=0-5", 10, null, null],
    ["bytes=0-5", null, null, null],
    ["bytes=0-", 0, null, null],
  ];
  for (const [header, length, range, contentRange] of cases) {
    const parsed = Range.fromHeader(header)!;
    assert.deepEqual(parsed.rangeForLength(length), range, header);
    assert.equal(parsed.toContentRangeHeader(length), contentRange, header);
    assert.equal(parsed.makeContentRange(length)?.toHeader() ?? null, contentRange, header);
  }
});

test("Range.toHeader writes inclusive ends", () => {
  assert.deepEqual(
    ["bytes=0-499", "bytes=-5", "bytes=3-", "Bytes=0-1,5-9"].map((v) => Range.fromHeader(v)!.toHeader()),
    ["bytes=0-499", "bytes=-5", "bytes=3-", "bytes=0-1,5-9"],
  );
  assert.throws(() => new Range("bytes", [[5, 2]]), { message: "(5, 2) is not a valid range." });
});

test("ContentRange parses byte ranges and star ranges", () => {
  const parse = (value: string | null) => {
    const range = ContentRange.fromHeader(value);
    return range === null ? null : [range.units, range.start, range.stop, range.length, range.toHeader()];
  };
  assert.deepEqual(parse("bytes 0-98/100"), ["bytes", 0, 99, 100, "bytes 0-98/100"]);
  assert.deepEqual(parse("bytes */100"), ["bytes", null, null, 100, "bytes */100"]);
  assert.deepEqual(parse("bytes 0-99/*"), ["bytes", 0, 100, null, "bytes 0-99/*"]);
  assert.deepEqual(parse("bytes */*"), ["bytes", null, null, null, "bytes */*"]);
  assert.deepEqual(parse("bytes 0-100/100"), ["bytes", 0, 101, 100, "bytes 0-100/100"]);
  assert.deepEqual(parse("items 0-1/2"), ["items", 0, 2, 2, "items 0-1/2"]);
  assert.deepEqual(parse("  bytes   1-2/3 "), ["bytes", 1, 3, 3, "bytes 1-2/3"]);
  for (const value of [null, "", "bytes 5-4/100", "bytes", "bytes 0-1", "bytes a-1/2", "bytes 0-1/abc", "bytes */-1", "bytes -1-2/3"]) {
    assert.equal(ContentRange.fromHeader(value), null, String(value));
  }
});

test("ContentRange calls onUpdate on every change and can be unset", () => {
  const calls: string[] = [];
  const range = new ContentRange("bytes", 0, 10, 100, (r) => calls.push(r.toHeader()));
  range.stop = 20;
  range.length = null;
  range.unset();
  assert.deepEqual(calls, ["bytes 0-9/100", "bytes 0-19/100", "bytes 0-19/*", ""]);
  assert.equal(range.isSet, false);
  assert.equal(range.toHeader(), "");
  assert.throws(() => range.set(5, 2, 10), { message: "Bad range provided" });
});

test("IfRange holds a date or an entity tag", () => {
  const parse = (value: string | null) => {
    const ifRange = IfRange.fromHeader(value);
    return [ifRange.etag, ifRange.date === null ? null : ifRange.date.getTime() / 1000, ifRange.toHeader()];
  };
  assert.deepEqual(parse(null), [null, null, ""]);
  assert.deepEqual(parse(""), [null, null, ""]);
  assert.deepEqual(parse('"abc"'), ["abc", null, '"abc"']);
  assert.deepEqual(parse('W/"weak"'), ["weak", null, '"weak"']);
  assert.deepEqual(parse("Sun, 06 Nov 1994 08:49:37 GMT"), [null, 784111777, "Sun, 06 Nov 1994 08:49:37 GMT"]);
  assert.deepEqual(parse("abc"), ["abc", null, '"abc"']);
});

test("isByteRangeValid checks start, stop and length together", () => {
  assert.deepEqual(
    [
      isByteRangeValid(0, 1, null),
      isByteRangeValid(null, null, null),
      isByteRangeValid(null, null, -1),
      isByteRangeValid(0, null, 1),
      isByteRangeValid(5, 5, 10),
      isByteRangeValid(0, 20, 10),
      isByteRangeValid(10, 20, 10),
    ],
    [true, true, false, false, false, true, false],
  );
});
