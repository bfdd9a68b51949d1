package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The retries of a request with a deadline (an interaction's callback):
// at most this many more tries after a 5xx, after these pauses.
var serverErrorBackoff = []time.Duration{100 * time.Millisecond, 300 * time.Millisecond}

// WithinDeadline returns a transport that retries interaction callbacks
// within the deadline their context carries (the interaction's three
// seconds): a 429 is waited out only when the wait ends before the
// deadline, and a 500, 502, 503 or 504 is tried again twice, after a short
// pause, inside it. What cannot be retried in time comes back as a 503, so
// that discordgo, which waits out any 429 and retries 502s itself, neither
// sleeps past the deadline nor retries again. Other requests pass through
// untouched: an http.Client's timeout gives them a deadline too, and a
// message retried after a 500 might be posted twice.
func WithinDeadline(next http.RoundTripper) http.RoundTripper {
	return withinDeadline{next: next}
}

type withinDeadline struct{ next http.RoundTripper }

func (t withinDeadline) RoundTrip(req *http.Request) (*http.Response, error) {
	deadline, ok := req.Context().Deadline()
	if !ok || !isCallback(req.URL.Path) {
		return t.next.RoundTrip(req)
	}
	for attempt := 0; ; attempt++ {
		resp, err := t.next.RoundTrip(req)
		if err != nil {
			return resp, err
		}
		var wait time.Duration
		switch resp.StatusCode {
		case http.StatusTooManyRequests:
			wait = retryAfter(resp)
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			if attempt >= len(serverErrorBackoff) {
				return final(resp), nil
			}
			wait = serverErrorBackoff[attempt]
		default:
			return resp, nil
		}
		if attempt >= len(serverErrorBackoff) || time.Now().Add(wait).After(deadline) || req.GetBody == nil && req.Body != nil {
			return final(resp), nil
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if !sleep(req.Context(), wait) {
			return nil, req.Context().Err()
		}
		next := req.Clone(req.Context())
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			next.Body = body
		}
		req = next
	}
}

// isCallback reports whether a path is an interaction's callback:
// /api/v9/interactions/{id}/{token}/callback.
func isCallback(path string) bool {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	n := len(parts)
	return n >= 4 && parts[n-1] == "callback" && parts[n-4] == "interactions"
}

// final is a response not to be retried: a 503 with the body Discord
// sent, and a header saying what it was.
func final(resp *http.Response) *http.Response {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Header.Set("X-Timelinebot-Status", strconv.Itoa(resp.StatusCode))
	resp.StatusCode, resp.Status = http.StatusServiceUnavailable, "503 Service Unavailable (not retried: past the deadline)"
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp
}

// retryAfter is how long a 429 asks to wait: retry_after in its body
// (seconds, fractional), else the Retry-After header.
func retryAfter(resp *http.Response) time.Duration {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var rl struct {
		RetryAfter float64 `json:"retry_after"`
	}
	if json.Unmarshal(body, &rl) == nil && rl.RetryAfter > 0 {
		return time.Duration(rl.RetryAfter * float64(time.Second))
	}
	if s, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil {
		return time.Duration(s * float64(time.Second))
	}
	return 0
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
