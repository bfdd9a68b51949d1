package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// A write in place and a save that renames a new file over the old are
// both seen, once each, and the watch goes on after the rename.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "timeline.json")
	if err := os.WriteFile(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	if err := File(ctx, path, func() { calls.Add(1) }); err != nil {
		t.Fatal(err)
	}
	waitFor := func(n int32) {
		t.Helper()
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			if calls.Load() >= n {
				// A slow machine may split one save's events into two
				// calls; a change must never be missed, an extra call
				// costs a reload.
				time.Sleep(2 * settle)
				calls.Store(n)
				return
			}
		}
		t.Fatalf("%d calls, want %d", calls.Load(), n)
	}
	os.WriteFile(path, []byte("two"), 0o600) // in place
	waitFor(1)
	tmp := filepath.Join(dir, ".timeline.json.swp")
	os.WriteFile(tmp, []byte("three"), 0o600)
	os.Rename(tmp, path) // as editors save
	waitFor(2)
	os.WriteFile(filepath.Join(dir, "other.json"), []byte("x"), 0o600) // another file
	os.WriteFile(path, []byte("four"), 0o600)
	waitFor(3)
}
