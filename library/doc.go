// Package library keeps the timelines servers upload: it imports and
// validates a file, keeps it in the store, and keeps the catalog's
// indexes in step with the store, its own writes and, polling, other
// processes' (gateway shards, HTTP replicas sharing one PostgreSQL).
package library
