package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/index"
)

// outOfTime is an index that runs out of its search time on every search,
// as a big timeline under load does.
type outOfTime struct{ Finder }

func (outOfTime) Search(ctx context.Context, q index.Query) ([]index.Hit, error) {
	return nil, fmt.Errorf("search %q: %w", q.Words, context.DeadlineExceeded)
}

// A question not answered in time says so, with what to change, under its
// own code; it is not the apology for a failure.
func TestOutOfTimeSaysSo(t *testing.T) {
	e := New(outOfTime{seedEngine(t).finder})
	_, err := e.Ask(context.Background(), "When did Sessions recuse himself?")
	if err == nil {
		t.Fatal("no error from an index out of time")
	}
	if CodeOf(err) != CodeTooSlow || !strings.Contains(Message(err), "too long") {
		t.Errorf("code %q, message %q", CodeOf(err), Message(err))
	}
	if other := fmt.Errorf("boom"); CodeOf(other) != CodeInternal || strings.Contains(Message(other), "too long") {
		t.Errorf("any other failure: code %q, message %q", CodeOf(other), Message(other))
	}
}
