/** What an IANA name may look like before Intl is asked (Intl accepts offsets and other shapes people do not mean). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/u;
/** Names asked before, with Intl's answer. */
const canonical = new Map<string, string | null>();

/**
 * The one timezone check of Kestrel: the IANA name as Intl spells it (`europe/moscow` → `Europe/Moscow`),
 * or null when the runtime does not know it. Config, `/schedule`, digests, alerts and charts all ask here.
 */
export function canonicalTimezone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  const known = canonical.get(name);
  if (known !== undefined) return known;
  let zone: string | null;
  try {
    zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    zone = null;
  }
  // Names are checked on every reply and digest; the answers are few (IANA has ~600 zones).
  if (canonical.size >= 1024) canonical.clear();
  canonical.set(name, zone);
  return zone;
}

/** `zone` when it is a known timezone, else `fallback`: a bad stored name must not stop a digest or a chart. */
export function timezoneOr(zone: string | null | undefined, fallback = 'UTC'): string {
  return (zone && canonicalTimezone(zone)) || fallback;
}
