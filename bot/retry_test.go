package bot

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// WithinDeadline retries what fits before the deadline, and hands back as
// a 503 what does not, so discordgo waits out nothing.
func TestWithinDeadline(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(w http.ResponseWriter)
		failures  int
		deadline  time.Duration
		wantCalls int32
		want      int
	}{
		{"a short 429", func(w http.ResponseWriter) { w.WriteHeader(429); fmt.Fprint(w, `{"retry_after": 0.05}`) }, 1, 3 * time.Second, 2, 200},
		{"a long 429", func(w http.ResponseWriter) { w.WriteHeader(429); fmt.Fprint(w, `{"retry_after": 10}`) }, 1, 3 * time.Second, 1, 503},
		{"a 500", func(w http.ResponseWriter) { w.WriteHeader(500) }, 1, 3 * time.Second, 2, 200},
		{"three 502s", func(w http.ResponseWriter) { w.WriteHeader(502) }, 3, 3 * time.Second, 3, 503},
		{"a 400", func(w http.ResponseWriter) { w.WriteHeader(400) }, 1, 3 * time.Second, 1, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n := calls.Add(1); int(n) <= tt.failures {
					tt.fail(w)
					return
				}
				w.WriteHeader(200)
			}))
			defer srv.Close()
			ctx, cancel := context.WithTimeout(context.Background(), tt.deadline)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v9/interactions/1/tok/callback", bytes.NewBufferString(`{"type": 4}`))
			resp, err := (&http.Client{Transport: WithinDeadline(http.DefaultTransport)}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want || calls.Load() != tt.wantCalls {
				t.Errorf("status %d after %d calls, want %d after %d", resp.StatusCode, calls.Load(), tt.want, tt.wantCalls)
			}
		})
	}
}

// Only callbacks are retried: a message sent again after a 500 could be
// posted twice.
func TestWithinDeadlineLeavesOtherRequests(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(500)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v9/channels/1/messages", bytes.NewBufferString(`{}`))
	resp, err := (&http.Client{Transport: WithinDeadline(http.DefaultTransport)}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if calls.Load() != 1 || resp.StatusCode != 500 {
		t.Errorf("%d calls, status %d: a message was retried", calls.Load(), resp.StatusCode)
	}
}
