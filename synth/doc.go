// Package synth makes synthetic, news-like timelines for benchmarks of
// the index and the answer path at sizes no real timeline reaches:
// 10,000 to 1,000,000 entries.
//
// A timeline is a pure function of its Options: the same Events, Seed,
// From and To give the same events, byte for byte, on any machine and at
// any GOMAXPROCS, so a benchmark run today measures the same data as one
// run next year. Generate builds it in memory; Write streams the same
// timeline as the project's JSON, chunk by chunk, so a million-entry file
// never exists as one string; Questions draws a fixed mix of questions
// whose dates and titles are in the timeline.
//
// The content is invented. Words come from a built-in vocabulary (common
// English function and news words, then a few thousand coined words
// made from Latin-ish roots) drawn with a Zipf distribution, so a few words
// are everywhere and most are rare, as in real copy; people (a few
// hundred, from built-in first and last names), places and organisations
// are drawn the same way, so some names recur across thousands of entries
// and most appear in few. Entries have 40 to 120 words of text, titles of
// 4 to 10 words shaped like headlines ("<subject> <verb>s <object>"), one
// or two dates (mostly days, some months), and about one in three has a
// quote.
//
// Titles never contain "and", "to", "until" or "till", so a question
// "how long between <title> and <title>?" splits where it should.
package synth
