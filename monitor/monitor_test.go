package monitor

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestHealth(t *testing.T) {
	var ready atomic.Bool
	mux := http.NewServeMux()
	Routes(mux, NewMetrics("v1.0.0"), ready.Load)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if code, _ := get(t, srv.URL+"/livez"); code != http.StatusOK {
		t.Errorf("/livez %d", code)
	}
	if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz before ready: %d, want 503", code)
	}
	ready.Store(true)
	if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz when ready: %d, want 200", code)
	}
}

// The metrics are what an operator reads: counts by command and outcome,
// the answer histogram around three seconds, reconnects, the index, the
// build, Go's runtime.
func TestMetrics(t *testing.T) {
	m := NewMetrics("v1.2.3")
	m.Answered("ask", bot.OutcomeOK, false, 40*time.Millisecond)
	m.Answered("ask", bot.OutcomeOK, true, 2700*time.Millisecond)
	m.Answered("button:pg", bot.OutcomeUserError, false, time.Millisecond)
	m.Reconnected()
	m.IndexBuilt(9, 1500*time.Millisecond)
	mux := http.NewServeMux()
	Routes(mux, m, func() bool { return true })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	code, body := get(t, srv.URL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics %d", code)
	}
	for _, want := range []string{
		`timelinebot_interactions_total{command="ask",outcome="ok"} 2`,
		`timelinebot_interactions_total{command="button:pg",outcome="user_error"} 1`,
		`timelinebot_interactions_deferred_total{command="ask"} 1`,
		`timelinebot_answer_duration_seconds_bucket{le="2.5"} 2`,
		`timelinebot_answer_duration_seconds_bucket{le="3"} 3`,
		`timelinebot_answer_duration_seconds_count 3`,
		`timelinebot_gateway_reconnects_total 1`,
		`timelinebot_index_events 9`,
		`timelinebot_index_build_seconds 1.5`,
		`timelinebot_build_info{version="v1.2.3"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
