// Strict xs:dateTime parsing: an unparsable or impossible date is an error, never NaN compared
// as "not expired". A missing zone is read as UTC (SAML requires UTC anyway).
const XS_DATETIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseXsDateTime(value: string): number | undefined {
  const m = XS_DATETIME.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 59) return undefined;
  if (hour === 24 && (minute !== 0 || second !== 0 || (frac !== undefined && Number(frac) !== 0))) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, 0, minute, second));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. 02-30
  let ms = date.getTime() + hour * 3_600_000 + (frac === undefined ? 0 : Math.floor(Number(frac) * 1000));
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const zh = Number(zone.slice(1, 3)),
      zm = Number(zone.slice(4, 6));
    if (zh > 14 || zm > 59) return undefined;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}
