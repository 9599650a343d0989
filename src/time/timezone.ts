/** What an IANA name may look like before Intl is asked (Intl accepts offsets and other shapes people do not mean). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/u;

/**
 * The one timezone check of Kestrel: the IANA name as Intl spells it (`europe/moscow` → `Europe/Moscow`),
 * or null when the runtime does not know it. Config, `/schedule`, digests, alerts and charts all ask here.
 */
export function canonicalTimezone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** `zone` when it is a known timezone, else `fallback`: a bad stored name must not stop a digest or a chart. */
export function timezoneOr(zone: string | null | undefined, fallback = 'UTC'): string {
  return (zone && canonicalTimezone(zone)) || fallback;
}
