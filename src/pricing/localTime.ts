const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();
const utcZones = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** True when `zone` is an IANA time zone name the runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Local weekday (0 = Monday) and seconds since local midnight of the instant `ms` in IANA zone
 * `zone`, computed by the runtime's time-zone database (Intl.DateTimeFormat), never by a fixed
 * offset, so daylight-saving changes are honoured (TMS-P-005).
 */
export function localTimeOf(ms: number, zone: string): { weekday: number; seconds: number } {
  if (utcZones.has(zone)) {
    const d = new Date(ms);
    return { weekday: (d.getUTCDay() + 6) % 7, seconds: d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds() };
  }
  let weekday = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of formatterFor(zone).formatToParts(ms)) {
    if (p.type === 'weekday') weekday = weekdayIndex[p.value] ?? 0;
    else if (p.type === 'hour') h = +p.value;
    else if (p.type === 'minute') mi = +p.value;
    else if (p.type === 'second') s = +p.value;
  }
  return { weekday, seconds: h * 3600 + mi * 60 + s };
}
