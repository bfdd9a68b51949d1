// Package formats reads timelines from the forms they are published in and
// writes them back out: the project's own JSON, a plain-text article, a
// Markdown document, TimelineJS3 JSON, the TimelineJS Google Sheet saved as
// CSV, and iCalendar.
//
// Every importer builds the project's JSON form and validates it with
// data.Check, so a timeline imported here obeys exactly the rules of a
// timeline file; each problem data finds is placed back on the line (or the
// spreadsheet row) of the source it came from. What an importer reads but
// cannot keep — an era, a photo credit, a share-button trailer, a time of
// day — is listed in the Report with the reason, never dropped silently.
//
// The exporters write what their importer reads back to the same timeline.
// Where a format has no place for a part of the timeline (quotes, ids, the
// source), that part travels in an extension the format's readers ignore:
// a "timelinebot" object in TimelineJS JSON, an X-TIMELINEBOT property in
// iCalendar, and a <!-- timelinebot {...} --> comment in Markdown, which
// renderers hide.
//
// What each importer does not guess: an article's publication date (its
// copyright gives a year, its last entry only a lower bound), a photo
// caption standing as a paragraph of the lede (nothing marks it), and the
// speaker of a quote named by a pronoun ("he said"), which is reported and
// left in the text. A photo credit glued to a wire dateline
// ("Name/Agency(CITY) —") is dropped and reported.
package formats
