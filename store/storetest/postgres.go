package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgresURL returns TIMELINEBOT_TEST_DATABASE_URL once it has reached
// the server. Without one the test skips, saying how to run it, unless
// TIMELINEBOT_REQUIRE_POSTGRES=1 (CI), when it fails.
func PostgresURL(t *testing.T) string {
	t.Helper()
	miss := func(why string) {
		t.Helper()
		if os.Getenv("TIMELINEBOT_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL tests required (TIMELINEBOT_REQUIRE_POSTGRES=1) and not run: %s", why)
		}
		t.Skipf("PostgreSQL tests skipped: %s", why)
	}
	dsn := os.Getenv("TIMELINEBOT_TEST_DATABASE_URL")
	if dsn == "" {
		miss("set TIMELINEBOT_TEST_DATABASE_URL=postgres://... to run them")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		miss("TIMELINEBOT_TEST_DATABASE_URL cannot be reached: " + HidePassword(dsn, err))
	}
	c.Close(ctx)
	return dsn
}

// FreshPostgres is a database URL whose tables land in a schema of the
// test's own, dropped when it ends, so that tests in parallel, and test
// runs in parallel, do not meet.
func FreshPostgres(t *testing.T) string {
	t.Helper()
	dsn := PostgresURL(t)
	schema := fmt.Sprintf("storetest_%d_%08x", os.Getpid(), rand.Uint32())
	Exec(t, dsn, "CREATE SCHEMA "+schema)
	t.Cleanup(func() { Exec(t, dsn, "DROP SCHEMA "+schema+" CASCADE") })
	return InSchema(dsn, schema)
}

// HidePassword is err's text without dsn's password.
func HidePassword(dsn string, err error) string {
	msg := err.Error()
	if cfg, perr := pgx.ParseConfig(dsn); perr != nil {
		return "it does not parse"
	} else if cfg.Password != "" {
		msg = strings.ReplaceAll(msg, cfg.Password, "xxxxx")
	}
	return msg
}

// InSchema returns dsn with search_path set to schema.
func InSchema(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// Exec runs one statement on dsn.
func Exec(t *testing.T, dsn, sql string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect: %s", HidePassword(dsn, err))
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
