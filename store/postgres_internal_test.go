package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestRedact(t *testing.T) {
	const raw = "postgres://bob:a%2fb%20c@127.0.0.1:1/db" // lower-case hex, unlike Go's
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		t.Fatal(err)
	}
	s := &pgStore{secrets: secretsOf(cfg, raw)}
	cause := errors.New(`dial "postgres://bob:a%2fb%20c@host" with a/b c and a%2Fb+c and a%2Fb%20c`)
	err = s.redact(cause)
	if msg := err.Error(); strings.Contains(msg, "a/b") || strings.Contains(strings.ToLower(msg), "a%2fb") {
		t.Fatalf("redacted: %s", msg)
	}
	if !errors.Is(err, cause) {
		t.Fatal("errors.Is does not see the cause")
	}
	if errors.Unwrap(err) != nil {
		t.Fatal("the raw cause can be unwrapped")
	}
}
