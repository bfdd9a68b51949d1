package store_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/timelinebot/timelinebot/store"
	"github.com/timelinebot/timelinebot/store/storetest"
)

func TestPostgres(t *testing.T) {
	storetest.PostgresURL(t)
	storetest.Run(t, storetest.Backend{
		New: func(t *testing.T) func() (store.Store, error) {
			in := storetest.FreshPostgres(t)
			return func() (store.Store, error) { return store.OpenPostgres(t.Context(), in) }
		},
	})
}

// TestPostgresErrorsHidePassword needs no server: each DATABASE_URL below
// fails, and the error must not show its password in any spelling.
func TestPostgresErrorsHidePassword(t *testing.T) {
	t.Parallel()
	cases := []struct{ what, dsn, password string }{
		{"unparsable URL", "postgres://bob:hunter2-secret@localhost:notaport/db", "hunter2-secret"},
		{"unparsable keywords", "host=localhost port=x password=kw-secret-9 dbname=db", "kw-secret-9"},
		{"nothing listening", "postgres://bob:p%40ss-hunter2@127.0.0.1:1/db?connect_timeout=5", "p@ss-hunter2"},
		{"nothing listening, keywords", "host=127.0.0.1 port=1 user=bob password=kw-secret-7 dbname=db connect_timeout=5", "kw-secret-7"},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			s, err := store.OpenPostgres(t.Context(), c.dsn)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			msg := fmt.Sprintf("%v %+v %#v", err, err, err)
			for _, shown := range []string{c.password, url.QueryEscape(c.password), url.PathEscape(c.password)} {
				if strings.Contains(msg, shown) {
					t.Fatalf("error shows the password: %s", msg)
				}
			}
			for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
				if strings.Contains(u.Error(), c.password) {
					t.Fatalf("an unwrapped error shows the password: %s", u)
				}
			}
			t.Logf("%v", err)
		})
	}
	// The cause stays reachable for errors.As.
	_, err := store.OpenPostgres(t.Context(), "postgres://bob:pw@127.0.0.1:1/db?connect_timeout=5")
	if ce := (*pgconn.ConnectError)(nil); !errors.As(err, &ce) {
		t.Errorf("errors.As(%v, *pgconn.ConnectError) = false", err)
	}
}

// TestPostgresWrongPassword sees what the server says to a wrong password.
func TestPostgresWrongPassword(t *testing.T) {
	t.Parallel()
	dsn := storetest.PostgresURL(t)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Password == "" {
		t.Skip("TIMELINEBOT_TEST_DATABASE_URL has no password, so the server may not ask for one")
	}
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		t.Skip("TIMELINEBOT_TEST_DATABASE_URL is not a URL with a user")
	}
	const wrong = "wrong-Passw0rd-xyzzy"
	u.User = url.UserPassword(u.User.Username(), wrong)
	s, err := store.OpenPostgres(t.Context(), u.String())
	if err == nil {
		s.Close()
		t.Fatal("opened with a wrong password")
	}
	if strings.Contains(fmt.Sprintf("%v %+v", err, err), wrong) {
		t.Fatalf("error shows the password: %v", err)
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "28P01" {
		t.Errorf("error %v: want the server's invalid_password (28P01)", err)
	}
}
