// The debugger PIN, derived as Werkzeug derives it (get_pin_and_cookie_name), so that it is
// stable for one project on one machine and differs between machines and containers: a hash of
// bits an attacker may know (user, the app's file) and bits they should not (the MAC address,
// the machine id and the container's cgroup, the fix of CVE-2019-14806). This module is light
// (no inspector): the `wz dev` parent uses it to print the PIN it never serves.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { networkInterfaces, userInfo, hostname } from "node:os";

export const PIN_ENV = "WZ_DEBUGGER_PIN";

export interface PinSetup {
  /** As displayed, `123-456-789`; null when the PIN is off. */
  pin: string | null;
  /** The cookie that remembers an entered PIN; differs per project and machine. */
  cookieName: string;
  /** Signs that cookie's value; derived from the private bits, never shown. */
  cookieKey: string;
  /** A warning about the environment variable, when its value was not usable. */
  warning?: string;
}

/** The PIN for the app in `appPath`, honouring WZ_DEBUGGER_PIN (`off`, or digits). */
export function pinSetup(appPath: string, env: NodeJS.ProcessEnv = process.env): PinSetup {
  const base = createHash("sha256");
  for (const bit of [...publicBits(appPath), ...privateBits()]) {
    base.update(bit);
    base.update("\0");
  }
  const digest = base.digest("hex");
  const derive = (salt: string) => createHash("sha256").update(digest).update(salt).digest("hex");
  const cookie = { cookieName: `__wzd${derive("cookiesalt").slice(0, 20)}`, cookieKey: derive("cookiekey") };
  const fromEnv = env[PIN_ENV];
  if (fromEnv === "off") return { pin: null, ...cookie };
  const generated = () =>
    groupDigits(
      BigInt(`0x${derive("pinsalt")}`)
        .toString()
        .padStart(9, "0")
        .slice(0, 9),
    );
  if (fromEnv !== undefined && fromEnv !== "") {
    if (/^[\d-]+$/.test(fromEnv) && /\d/.test(fromEnv)) {
      // As Werkzeug: a value with dashes is shown as written; bare digits are grouped.
      return { pin: fromEnv.includes("-") ? fromEnv : groupDigits(fromEnv), ...cookie };
    }
    const warning = ` * ${PIN_ENV} must be "off" or digits (dashes allowed); ignoring ${JSON.stringify(fromEnv)}`;
    return { pin: generated(), ...cookie, warning };
  }
  return { pin: generated(), ...cookie };
}

/** Werkzeug's grouping: groups of 5, 4 or 3 digits when the length allows, else as is. */
export function groupDigits(digits: string): string {
  for (const size of [5, 4, 3]) {
    if (digits.length % size === 0) {
      const groups: string[] = [];
      for (let i = 0; i < digits.length; i += size) groups.push(digits.slice(i, i + size));
      return groups.join("-");
    }
  }
  return digits;
}

/** The PIN as typed: dashes and spaces do not count (Werkzeug ignores dashes and the ends' whitespace). */
export function normalisePin(pin: string): string {
  return pin.replace(/[\s-]/g, "");
}

function publicBits(appPath: string): string[] {
  let user = "";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers): the other bits still differ
  }
  return [user, "wz", appPath];
}

function privateBits(): string[] {
  return [macAddress(), machineId()];
}

function macAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (!address.internal && address.mac !== "00:00:00:00:00:00") return address.mac;
    }
  }
  return hostname();
}

// Containers of one image share /etc/machine-id: the cgroup line tells them apart.
function machineId(): string {
  let id = "";
  for (const file of ["/etc/machine-id", "/proc/sys/kernel/random/boot_id"]) {
    const value = readOrEmpty(file).trim();
    if (value !== "") {
      id = value;
      break;
    }
  }
  const cgroup = readOrEmpty("/proc/self/cgroup").split("\n")[0] ?? "";
  return id + (cgroup.split("/").at(-1) ?? "");
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Lines the server prints when the debugger starts, as Werkzeug's. */
export function pinBanner(setup: PinSetup): string[] {
  const lines = [" * Debugger is active!"];
  if (setup.warning !== undefined) lines.push(setup.warning);
  lines.push(setup.pin === null ? " * Debugger PIN disabled. DEBUGGER UNSECURED!" : ` * Debugger PIN: ${setup.pin}`);
  return lines;
}
