// Prints, for every VEVENT of the iCalendar file given, its UID, SEQUENCE, TZID and start/end as UTC instants, as
// ical.js computes them from the VTIMEZONE components in the file alone (ical.js has no tz database).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const zone = event.startDate.zone;
  return {
    uid: event.uid,
    sequence: event.sequence,
    tzid: zone ? zone.tzid : null,
    floating: zone === ICAL.Timezone.localTimezone,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    lastModified: vevent.getFirstPropertyValue("last-modified")?.toJSDate().toISOString() ?? null,
  };
});
process.stdout.write(JSON.stringify(events));
