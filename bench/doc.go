// Package bench measures the product as a user runs it: a synthetic
// timeline of a given size built into an index, then a fixed mix of
// questions of every kind asked of it, alone and by many askers at once,
// and the bot's in-process interaction handler. `timelinebot bench`
// prints what it reports.
package bench
