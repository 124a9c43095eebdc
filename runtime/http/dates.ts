// HTTP dates and ages. Parsing follows Python's `email.utils.parsedate_to_datetime`, which
// Werkzeug uses: IMF-fixdate, RFC 850 and asctime forms, numeric offsets and a few zone names.
// `Date.parse` accepts a different, engine-specific set, so it is not used.

import { asInt } from "../datastructures/convert.js";

const DAY_NAMES = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** Zone names Python knows, as `±hhmm`. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  AST: -400,
  ADT: -300,
  EST: -500,
  EDT: -400,
  CST: -600,
  CDT: -500,
  MST: -700,
  MDT: -600,
  PST: -800,
  PDT: -700,
};

function pyInt(text: string | undefined): number | null {
  try {
    return text === undefined ? null : asInt(text);
  } catch {
    return null;
  }
}

/** The fields of `email._parseaddr._parsedate_tz`, or null; offset in seconds (null = unknown, treated as UTC). */
function parseDateFields(value: string): [number, number, number, number, number, number, number | null] | null {
  let data = value.trim().split(/\s+/);
  if (data.length === 0 || data[0] === "") return null;
  if (data[0]!.endsWith(",") || DAY_NAMES.has(data[0]!.toLowerCase())) {
    data.shift();
  } else {
    const comma = data[0]!.lastIndexOf(",");
    if (comma >= 0) data[0] = data[0]!.slice(comma + 1);
  }
  if (data.length === 3) {
    const parts = data[0]!.split("-");
    if (parts.length === 3) data = [...parts, ...data.slice(1)];
  }
  if (data.length === 4) {
    const last = data[3]!;
    let sign = last.indexOf("+");
    if (sign === -1) sign = last.indexOf("-");
    if (sign > 0) data.splice(3, 1, last.slice(0, sign), last.slice(sign));
    else data.push("");
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data.slice(0, 5) as [string, string, string, string, string];
  if (!dd || !mm || !yy) return null;
  mm = mm.toLowerCase();
  if (!MONTH_NAMES.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTH_NAMES.includes(mm)) return null;
  }
  let month = MONTH_NAMES.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (dd.endsWith(",")) dd = dd.slice(0, -1);
  if (yy.indexOf(":") > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(",")) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!/^\d/.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(",")) tm = tm.slice(0, -1);
  let time = tm.split(":");
  if (time.length === 1 && tm.includes(".")) {
    time = tm.split(".");
    if (time.length !== 2 && time.length !== 3) return null;
  } else if (time.length !== 2 && time.length !== 3) {
    return null;
  }
  const year = pyInt(yy);
  const day = pyInt(dd);
  const hour = pyInt(time[0]);
  const minute = pyInt(time[1]);
  const second = time.length === 3 ? pyInt(time[2]) : 0;
  if (year === null || day === null || hour === null || minute === null || second === null) return null;
  const fullYear = year < 100 ? (year > 68 ? year + 1900 : year + 2000) : year;

  let offset: number | null = null;
  const zone = tz.toUpperCase();
  if (zone in ZONES) {
    offset = ZONES[zone]!;
  } else {
    offset = pyInt(zone);
    if (offset === 0 && zone.startsWith("-")) offset = null;
  }
  if (offset) {
    const sign = offset < 0 ? -1 : 1;
    const magnitude = Math.abs(offset);
    offset = sign * (Math.floor(magnitude / 100) * 3600 + (magnitude % 100) * 60);
  }
  return [fullYear, month, day, hour, minute, second, offset];
}

/**
 * Parses an HTTP date (Werkzeug `parse_date`) into a Date, or null when it is missing or invalid.
 * Accepts `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`,
 * `Sun Nov  6 08:49:37 1994` and numeric offsets such as `+0200`; no zone means UTC.
 */
export function parseDate(value: string | null | undefined): Date | null {
  if (value == null) return null;
  const fields = parseDateFields(value);
  if (fields === null) return null;
  const [year, month, day, hour, minute, second, offset] = fields;
  // Python's datetime rejects out-of-range fields (no rollover as with Date.UTC).
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 ? (leap ? 29 : 28) : daysInMonth;
  if (year < 1 || year > 9999 || day < 1 || day > maxDay || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  if (offset !== null && Math.abs(offset) >= 86400) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return new Date(date.getTime() - (offset ?? 0) * 1000);
}

/** A Date, or a number of **seconds** since the epoch (Werkzeug's timestamps), or null for now. */
export type HttpDateInput = Date | number | null | undefined;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Formats an IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT` (Werkzeug `http_date`). Numbers are
 * seconds since the epoch, as in Werkzeug, not milliseconds; nothing means now.
 */
export function httpDate(value?: HttpDateInput): string {
  const date = value == null ? new Date() : typeof value === "number" ? new Date(Math.floor(value) * 1000) : value;
  if (Number.isNaN(date.getTime())) throw new TypeError("wz: httpDate() needs a valid date");
  return (
    `${WEEKDAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCFullYear(), 4)} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} GMT`
  );
}

/** Parses an `Age`-style number of seconds (Werkzeug `parse_age`): null when missing, invalid or negative. */
export function parseAge(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = pyInt(value);
  if (seconds === null || seconds < 0 || seconds > 999999999 * 86400) return null;
  return seconds;
}

/** Formats a number of seconds (truncated to an integer); throws on a negative age (Werkzeug `dump_age`). */
export function dumpAge(age: number | null | undefined): string | null {
  if (age == null) return null;
  const seconds = Math.trunc(age);
  if (seconds < 0) throw new RangeError("age cannot be negative");
  return String(seconds);
}
