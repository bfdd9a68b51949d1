package watch

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long a file must be quiet before it counts as changed:
// an editor's save is several events.
const settle = 200 * time.Millisecond

// File calls changed each time the file at path changes, once its events
// have settled, until ctx ends. It watches the file's directory, not the
// file, so that a save that renames a new file over the old one is seen,
// and the watch survives it. The error is for a watch that cannot start.
func File(ctx context.Context, path string, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		w.Close()
		return fmt.Errorf("watch %s: %w", path, err)
	}
	if err := w.Add(filepath.Dir(abs)); err != nil {
		w.Close()
		return fmt.Errorf("watch %s: %w", path, err)
	}
	go func() {
		defer w.Close()
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Clean(ev.Name) == abs && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename) != 0 {
					timer.Reset(settle)
				}
			case <-w.Errors:
				// An overflow loses events, not the watch: look again.
				timer.Reset(settle)
			case <-timer.C:
				changed()
			}
		}
	}()
	return nil
}
