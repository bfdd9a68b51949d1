package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/puddle/v2"
)

const (
	// pgMaxConns bounds the connections one process holds: questions read
	// from memory, so the store sees only uploads, settings and polls.
	pgMaxConns = 4
	// pgIdleCheck: a connection idle longer than this is pinged before use,
	// as the server or a proxy may have dropped it meanwhile. A process
	// polling every few seconds keeps one connection fresh without pings.
	pgIdleCheck = 30 * time.Second
	// pgConnectTimeout applies when DATABASE_URL sets no connect_timeout,
	// so that an unreachable server fails instead of hanging.
	pgConnectTimeout = 10 * time.Second
	// pgSchemaLock is the advisory lock key held while creating tables:
	// concurrent CREATE TABLE IF NOT EXISTS of one table can fail on a
	// unique index of the catalog, so processes starting together take
	// turns. The value is arbitrary, fixed for this project.
	pgSchemaLock = 0x74696d656c696e65 // "timeline"
)

// pgSchema creates the tables, in the connection's search_path. Columns use
// the "C" collation so that names compare and sort by bytes, as in bbolt,
// whatever the database's locale. A tombstone is a row with a NULL body.
var pgSchema = []string{
	fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, pgSchemaLock),
	`CREATE TABLE IF NOT EXISTS timelinebot_meta (
		id boolean PRIMARY KEY DEFAULT true CHECK (id),
		version bigint NOT NULL
	)`,
	`INSERT INTO timelinebot_meta (id, version) VALUES (true, 0) ON CONFLICT DO NOTHING`,
	`CREATE TABLE IF NOT EXISTS timelinebot_timelines (
		guild text COLLATE "C" NOT NULL,
		name text COLLATE "C" NOT NULL,
		body bytea,
		version bigint NOT NULL,
		updated timestamptz NOT NULL,
		PRIMARY KEY (guild, name)
	)`,
	`CREATE INDEX IF NOT EXISTS timelinebot_timelines_version ON timelinebot_timelines (version)`,
	`CREATE TABLE IF NOT EXISTS timelinebot_defaults (
		guild text COLLATE "C" NOT NULL,
		channel text COLLATE "C" NOT NULL,
		name text COLLATE "C" NOT NULL,
		PRIMARY KEY (guild, channel)
	)`,
}

// bumpSQL takes the next version. The row lock it takes is held until the
// transaction ends, which serialises writers so that versions commit in
// order (see the package doc); every writer takes it first, before any
// timeline row, so that writers cannot deadlock.
const bumpSQL = `UPDATE timelinebot_meta SET version = version + 1 RETURNING version`

// pgStore keeps its connections in a pgxpool: it checks connections idle
// past pgIdleCheck before handing them out and drops the ones a failed
// query leaves in a bad state, the work a hand-written pool would repeat.
type pgStore struct {
	pool    *pgxpool.Pool
	secrets []string // the password as it may appear in an error's text
}

// OpenPostgres connects to the PostgreSQL database at databaseURL
// and creates the store's tables if they are absent. Several processes may
// open the same database at once.
func OpenPostgres(ctx context.Context, databaseURL string) (Store, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		// pgx redacts passwords from a malformed string on a best-effort
		// basis only, so none of its text is shown.
		return nil, &redactedError{
			msg:   "store: cannot parse DATABASE_URL (details withheld: they could show its password); the form is postgres://user:password@host:5432/database, with special characters in the password percent-encoded",
			cause: err,
		}
	}
	cc := cfg.ConnConfig
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = pgConnectTimeout
	}
	if cc.RuntimeParams["application_name"] == "" {
		cc.RuntimeParams["application_name"] = "timelinebot"
	}
	cfg.MaxConns = pgMaxConns
	cfg.MinConns = 0
	cfg.HealthCheckPeriod = pgIdleCheck
	cfg.MaxConnIdleTime = pgIdleCheck
	s := &pgStore{secrets: secretsOf(cc, databaseURL)}
	s.pool, err = pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: postgres open: %w", s.redact(err))
	}
	err = s.tx(ctx, "open", pgx.TxOptions{}, func(tx pgx.Tx) error {
		for _, q := range pgSchema {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// with runs fn on a connection, and gives its error the operation's name
// and redacts it.
func (s *pgStore) with(ctx context.Context, op string, fn func(*pgx.Conn) error) error {
	c, err := s.pool.Acquire(ctx)
	if err == nil {
		err = fn(c.Conn())
		c.Release()
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrClosed):
		return err
	case errors.Is(err, puddle.ErrClosedPool):
		return ErrClosed
	}
	return fmt.Errorf("store: postgres %s: %w", op, s.redact(err))
}

func (s *pgStore) tx(ctx context.Context, op string, opts pgx.TxOptions, fn func(pgx.Tx) error) error {
	return s.with(ctx, op, func(c *pgx.Conn) error {
		return pgx.BeginTxFunc(ctx, c, opts, fn)
	})
}

// snapshot is a read-only transaction that sees one moment of the store, so
// that the version it reads matches the rows it reads.
var snapshot = pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}

func (s *pgStore) Put(ctx context.Context, guild, name string, body []byte) (Timeline, error) {
	if err := checkKey(guild, name); err != nil {
		return Timeline{}, err
	}
	if err := checkBody(body); err != nil {
		return Timeline{}, err
	}
	t := Timeline{Guild: guild, Name: name, Body: body}
	err := s.tx(ctx, "put", pgx.TxOptions{}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, bumpSQL).Scan(&t.Version); err != nil {
			return err
		}
		// clock_timestamp, not now(): now() is when the transaction began,
		// before it may have waited for the version lock.
		return tx.QueryRow(ctx, `
			INSERT INTO timelinebot_timelines (guild, name, body, version, updated)
			VALUES ($1, $2, $3, $4, clock_timestamp())
			ON CONFLICT (guild, name) DO UPDATE
			SET body = EXCLUDED.body, version = EXCLUDED.version, updated = EXCLUDED.updated
			RETURNING updated`,
			guild, name, body, t.Version).Scan(&t.Updated)
	})
	if err != nil {
		return Timeline{}, err
	}
	t.Updated = t.Updated.UTC()
	return t, nil
}

func (s *pgStore) Get(ctx context.Context, guild, name string) (Timeline, error) {
	if err := checkKey(guild, name); err != nil {
		return Timeline{}, err
	}
	t := Timeline{Guild: guild, Name: name}
	err := s.with(ctx, "get", func(c *pgx.Conn) error {
		err := c.QueryRow(ctx, `
			SELECT body, version, updated FROM timelinebot_timelines
			WHERE guild = $1 AND name = $2 AND body IS NOT NULL`,
			guild, name).Scan(&t.Body, &t.Version, &t.Updated)
		if errors.Is(err, pgx.ErrNoRows) {
			return notFound(guild, name)
		}
		return err
	})
	if err != nil {
		return Timeline{}, err
	}
	t.Updated = t.Updated.UTC()
	return t, nil
}

func (s *pgStore) Delete(ctx context.Context, guild, name string) error {
	if err := checkKey(guild, name); err != nil {
		return err
	}
	return s.tx(ctx, "delete", pgx.TxOptions{}, func(tx pgx.Tx) error {
		var v int64
		if err := tx.QueryRow(ctx, bumpSQL).Scan(&v); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
			UPDATE timelinebot_timelines SET body = NULL, version = $3, updated = clock_timestamp()
			WHERE guild = $1 AND name = $2 AND body IS NOT NULL`,
			guild, name, v)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return notFound(guild, name) // rolls back, and so the version too
		}
		_, err = tx.Exec(ctx, `DELETE FROM timelinebot_defaults WHERE guild = $1 AND name = $2`, guild, name)
		return err
	})
}

func (s *pgStore) List(ctx context.Context, guild string) ([]Timeline, error) {
	if err := checkName("guild", guild, false); err != nil {
		return nil, err
	}
	var ts []Timeline
	err := s.with(ctx, "list", func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, `
			SELECT name, version, updated FROM timelinebot_timelines
			WHERE guild = $1 AND body IS NOT NULL ORDER BY name`, guild)
		if err != nil {
			return err
		}
		for rows.Next() {
			t := Timeline{Guild: guild}
			if err := rows.Scan(&t.Name, &t.Version, &t.Updated); err != nil {
				rows.Close()
				return err
			}
			t.Updated = t.Updated.UTC()
			ts = append(ts, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return ts, nil
}

func (s *pgStore) All(ctx context.Context) ([]Timeline, int64, error) {
	var (
		ts  []Timeline
		now int64
	)
	err := s.tx(ctx, "all", snapshot, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT version FROM timelinebot_meta`).Scan(&now); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
			SELECT guild, name, body, version, updated FROM timelinebot_timelines
			WHERE body IS NOT NULL ORDER BY guild, name`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t Timeline
			if err := rows.Scan(&t.Guild, &t.Name, &t.Body, &t.Version, &t.Updated); err != nil {
				rows.Close()
				return err
			}
			t.Updated = t.Updated.UTC()
			ts = append(ts, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return ts, now, nil
}

func (s *pgStore) SetDefault(ctx context.Context, guild, channel, name string) error {
	if err := checkDefault(guild, channel, name); err != nil {
		return err
	}
	return s.with(ctx, "set default", func(c *pgx.Conn) error {
		if name == "" {
			_, err := c.Exec(ctx, `DELETE FROM timelinebot_defaults WHERE guild = $1 AND channel = $2`, guild, channel)
			return err
		}
		_, err := c.Exec(ctx, `
			INSERT INTO timelinebot_defaults (guild, channel, name) VALUES ($1, $2, $3)
			ON CONFLICT (guild, channel) DO UPDATE SET name = EXCLUDED.name`,
			guild, channel, name)
		return err
	})
}

func (s *pgStore) Default(ctx context.Context, guild, channel string) (string, error) {
	if err := checkName("guild", guild, false); err != nil {
		return "", err
	}
	if err := checkName("channel", channel, true); err != nil {
		return "", err
	}
	var name string
	err := s.with(ctx, "default", func(c *pgx.Conn) error {
		// false sorts before true: the channel's own row, if any, comes first.
		err := c.QueryRow(ctx, `
			SELECT name FROM timelinebot_defaults
			WHERE guild = $1 AND (channel = $2 OR channel = '')
			ORDER BY channel = '' LIMIT 1`,
			guild, channel).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		return err
	})
	return name, err
}

func (s *pgStore) Changes(ctx context.Context, since int64) ([]Change, int64, error) {
	var (
		chs []Change
		now int64
	)
	err := s.tx(ctx, "changes", snapshot, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT version FROM timelinebot_meta`).Scan(&now); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
			SELECT guild, name, body IS NULL, version FROM timelinebot_timelines
			WHERE version > $1 ORDER BY version`, since)
		if err != nil {
			return err
		}
		for rows.Next() {
			var ch Change
			if err := rows.Scan(&ch.Guild, &ch.Name, &ch.Deleted, &ch.Version); err != nil {
				rows.Close()
				return err
			}
			chs = append(chs, ch)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return chs, now, nil
}

// secretsOf returns the password in the forms an error could quote it in:
// as is, as written in the URL, and percent-encoded as Go would encode it.
func secretsOf(cfg *pgx.ConnConfig, raw string) []string {
	pw := cfg.Password
	if pw == "" {
		return nil
	}
	forms := []string{pw, url.QueryEscape(pw), url.PathEscape(pw), strings.TrimPrefix(url.UserPassword("u", pw).String(), "u:")}
	if _, rest, ok := strings.Cut(raw, "://"); ok {
		// The authority ends at the first '/' or '?' after the last '@'.
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			if end := strings.IndexAny(rest, "/?"); end < 0 || end > at {
				if _, p, ok := strings.Cut(rest[:at], ":"); ok && p != "" {
					forms = append(forms, p)
				}
			}
		}
	}
	var out []string
	for _, f := range forms {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func (s *pgStore) redact(err error) error {
	msg := err.Error()
	for _, pw := range s.secrets {
		msg = strings.ReplaceAll(msg, pw, "xxxxx")
	}
	return &redactedError{msg: msg, cause: err}
}

// A redactedError shows its cause's text with the password masked. It has
// no Unwrap, so that nothing reaches the cause's own text by unwrapping;
// errors.Is and errors.As still see through it.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string        { return e.msg }
func (e *redactedError) Is(target error) bool { return errors.Is(e.cause, target) }
func (e *redactedError) As(target any) bool   { return errors.As(e.cause, target) }
