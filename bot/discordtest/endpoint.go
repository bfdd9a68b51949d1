package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Sign sets the headers Discord signs an HTTP interaction with: the
// Ed25519 signature of the timestamp followed by the body.
func Sign(req *http.Request, key ed25519.PrivateKey, body []byte, at time.Time) {
	ts := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
}

// PostInteraction delivers an interaction as Discord does to an
// Interactions Endpoint URL: signed with key and POSTed to url. A 200
// reply is the interaction's response, checked against Discord's limits
// and recorded, so that the token's @original is what it says; it is
// returned with the status. The interaction is filled in as
// DispatchInteraction fills it.
func (s *Server) PostInteraction(t testing.TB, url string, key ed25519.PrivateKey, i any) (int, *discordgo.InteractionResponse) {
	t.Helper()
	raw, got := s.interaction(t, i)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	Sign(req, key, raw, time.Now())
	client := &http.Client{Timeout: s.timeout}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("discordtest: POST %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("discordtest: reading the endpoint's reply: %v", err)
	}
	if res.StatusCode != http.StatusOK {
		return res.StatusCode, nil
	}
	var resp discordgo.InteractionResponse
	if err := decode(body, &resp); err != nil {
		t.Errorf("discordtest: the endpoint's reply is not an interaction response: %v\n%s", err, body)
		return res.StatusCode, nil
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("discordtest: the endpoint's reply has Content-Type %q, want application/json", ct)
	}
	var c checker
	c.response(&resp)
	for _, p := range c.problems {
		t.Errorf("discordtest: the endpoint's reply: %v", p)
	}
	s.mu.Lock()
	s.acked[got.ID] = true
	s.answeredLocked(got.Token, &resp)
	s.mu.Unlock()
	return res.StatusCode, &resp
}
