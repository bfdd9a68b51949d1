package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/store"
	"github.com/timelinebot/timelinebot/store/storetest"
)

func TestBolt(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		New: func(t *testing.T) func() (store.Store, error) {
			path := filepath.Join(t.TempDir(), "timelines.db")
			return func() (store.Store, error) { return store.OpenBoltTimeout(path, 100*time.Millisecond) }
		},
		Exclusive: true,
	})
}

// TestBoltLockedGivesUp checks OpenBolt's own timeout: a second process on
// the same file fails within seconds and says why.
func TestBoltLockedGivesUp(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "timelines.db")
	s, err := store.OpenBolt(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	second, err := store.OpenBolt(path)
	if err == nil {
		second.Close()
		t.Fatal("opened a locked file")
	}
	if d := time.Since(start); !errors.Is(err, store.ErrLocked) || d > 10*time.Second {
		t.Fatalf("after %v: %v; want ErrLocked within seconds", d, err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another process") {
		t.Errorf("error %q does not say which file, or why", err)
	}
}

func TestBoltRefusesOtherFiles(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "not-bolt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a bbolt file\n", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := store.OpenBolt(path); err == nil {
		s.Close()
		t.Fatal("opened a file that is not bbolt's")
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if _, err := store.OpenBolt(filepath.Join(t.TempDir(), "no-such-dir", "x.db")); err == nil {
		t.Fatal("opened a file in a missing directory")
	}
}
