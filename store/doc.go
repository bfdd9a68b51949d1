// Package store keeps the timelines that server admins upload from Discord,
// and per-server settings (which timeline a guild or a channel uses when a
// question names none).
//
// There are two backends behind one [Store] interface:
//
//   - [OpenBolt]: a bbolt file in DATA_DIR, the embedded default, for one
//     process. bbolt is chosen because it is already in the module graph
//     (bleve depends on it), it is pure Go (no cgo, so the static release
//     build stays static), it is one file to back up, and its transactions
//     are atomic and durable: a Put is visible whole or not at all, also
//     after a crash. bbolt locks its file, so a second process opening the
//     same file fails with [ErrLocked] after a short wait instead of hanging.
//   - [OpenPostgres]: PostgreSQL at DATABASE_URL, for several processes
//     (gateway shards, HTTP replicas) sharing one set of timelines. It
//     creates its tables (timelinebot_*) if they are absent, under an
//     advisory lock so that processes starting together do not race; put
//     them in a schema of their own with search_path in the URL.
//     Connections are pgx's pool's (pgxpool), a few: questions are
//     answered from memory, so the store sees only uploads, settings and
//     polls.
//
// # Versions and changes
//
// Each store has one version counter. Every Put and Delete takes the next
// value, and the timeline carries it; SetDefault does not, because defaults
// are small and read from the store on every question rather than cached.
// A process loads everything with [Store.All], which also returns the
// version of that snapshot, and then polls [Store.Changes] with the last
// version it saw to pick up other processes' uploads and deletions:
//
//	tls, v, err := s.All(ctx)
//	...
//	for range time.Tick(5 * time.Second) {
//		chs, now, err := s.Changes(ctx, v)
//		// for each change: Deleted, drop it; else Get it (ErrNotFound: it
//		// was deleted since, and a later poll reports that)
//		v = now
//	}
//
// Changes reports each changed timeline once, with its latest version: a
// timeline replaced three times since the last poll appears once. A deleted
// timeline leaves a tombstone (its guild, name and version, no body) so that
// a poller that was away still learns of the deletion; tombstones are kept,
// one small record per name ever deleted, and a new Put under the name
// replaces its tombstone. In PostgreSQL every writer holds the counter's row
// lock until it commits, so versions become visible in order and a poller
// never steps past a version that is yet to commit.
//
// # Names and errors
//
// Guilds, channels and names are opaque to the store: compared byte for
// byte, case-sensitive, sorted by bytes. They must be valid UTF-8 without
// NUL bytes (PostgreSQL text cannot hold those), at most [MaxNameLen] bytes;
// bodies are at most [MaxBodySize] bytes. Breaking a limit gives an error
// that wraps [ErrInvalidName], [ErrNameTooLong], [ErrEmptyBody] or
// [ErrBodyTooLarge]; a missing timeline gives one that wraps [ErrNotFound].
// Other errors wrap their cause. An error never shows DATABASE_URL's
// password: pgx can quote connection details, so every PostgreSQL error's
// text is redacted.
package store
