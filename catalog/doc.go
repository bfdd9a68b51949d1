// Package catalog keeps the timelines a bot answers from, each with its
// own engine: the operator's (TIMELINE_FILE, TIMELINES), which every
// server sees, and the ones a server's admins uploaded, which only that
// server sees. It answers one question: which timeline does this asker,
// in this server, mean by this name?
package catalog
