// Time zones in words for the support widget: "Central European Time",
// "Pacific Time", "India Standard Time" (from Intl in the page's language),
// never a raw IANA ID; and the current ID of a zone a browser reports by
// an older name (Chromium says Asia/Calcutta for India).

// The renamed zones of tzdata's "backward" file that browsers still report.
const RENAMED: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Pacific/Truk": "Pacific/Chuuk",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Enderbury": "Pacific/Kanton",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
  "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Asia/Dacca": "Asia/Dhaka",
  "Asia/Thimbu": "Asia/Thimphu",
  "Asia/Macao": "Asia/Macau",
  "Asia/Chongqing": "Asia/Shanghai",
  "Asia/Istanbul": "Europe/Istanbul",
  "UTC": "Etc/UTC",
};

export function canonicalZone(zone: string): string {
  return RENAMED[zone] || zone;
}

const cache = new Map<string, string>();

// zoneName names zone in locale at instant t: the generic name ("Central
// European Time", which holds through daylight saving) where Intl has one,
// else the specific long name, else the ID with spaces.
export function zoneName(zone: string, locale: string, t: number): string {
  const key = locale + "|" + zone;
  const hit = cache.get(key);
  if (hit) return hit;
  let name = "";
  for (const style of ["longGeneric", "long"]) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style as "long" }).formatToParts(t);
      const p = parts.find((x) => x.type === "timeZoneName");
      // A generic name that is only an offset ("GMT+05:45") says less
      // than the specific one.
      if (p && p.value && !(style === "longGeneric" && /^(GMT|UTC)[+-−]/.test(p.value))) {
        name = p.value;
        break;
      }
    } catch (e) {
      // An engine without this style: try the next.
    }
  }
  if (!name) name = canonicalZone(zone).split("/").pop()!.replace(/_/g, " ");
  cache.set(key, name);
  return name;
}
