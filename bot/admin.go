package bot

import "context"

// Library adds and removes a server's own timelines: the work of the
// admin commands, apart from Discord. It imports and validates a file,
// keeps it, and puts its index in the catalog.
type Library interface {
	Add(ctx context.Context, guild, name, filename string, body []byte) (Added, error)
	Remove(ctx context.Context, guild, name string) error
}

// Added is what an upload became.
type Added struct {
	Name, Title string
	Events      int
	From, To    string   // the span of its dates, as a reader writes them
	Skipped     []string // what the file had that is not an entry, and why
}
