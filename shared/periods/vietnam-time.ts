import { pad2 } from "./calendar-date";
import { parseInstant, VIETNAM_UTC_OFFSET_MINUTES } from "./deadlines";

/**
 * Instants on the wall clocks of Hà Nội (UTC+7, no daylight saving): "lấy lúc 09:30
 * 05/10/2026" must match the clock in the office, whatever zone the server or the clerk's
 * PC is set to. The one place every surface reads Vietnam time from.
 */

const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60000;

export interface VietnamWallClock {
  /** "05/10/2026" */
  date: string;
  /** "09:30" */
  time: string;
}

export function vietnamWallClock(instant: string): VietnamWallClock {
  const d = new Date(parseInstant(instant) + OFFSET_MS);
  return {
    date: pad2(d.getUTCDate()) + "/" + pad2(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear(),
    time: pad2(d.getUTCHours()) + ":" + pad2(d.getUTCMinutes()),
  };
}

/** "09:30 05/10/2026". */
export function vietnamClock(instant: string): string {
  const t = vietnamWallClock(instant);
  return t.time + " " + t.date;
}

/**
 * An Excel date-time serial showing the Vietnam wall-clock time of an instant, in whole
 * minutes as printed (a deadline of 23:59:59.999 must not show as 00:00 the next day).
 * Serials have no zone: the number is the time in Hà Nội.
 */
export function vietnamSerial(instant: string): number {
  const ms = Math.floor((parseInstant(instant) + OFFSET_MS) / 60000) * 60000;
  return ms / 86400000 + 25569;
}
