package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// lockedBuffer is standard error, written by the program and read by
// the test while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// background runs the program until the returned func stops it, which
// returns the exit code.
func background(t *testing.T, env map[string]string, args ...string) (*lockedBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, strings.NewReader(""), io.Discard, stderr, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	}()
	stopped := false
	var exit int
	stop := func() int {
		if !stopped {
			stopped = true
			cancel()
			select {
			case exit = <-code:
			case <-time.After(15 * time.Second):
				t.Fatal("the program did not stop within 15 s of being told to")
			}
		}
		return exit
	}
	t.Cleanup(func() { stop() })
	return stderr, stop
}

var listening = regexp.MustCompile(`msg="(?:serving interactions|serving health and metrics)" addr=(\S+)`)

// addrOf waits for the program to say where it listens.
func addrOf(t *testing.T, stderr *lockedBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			return "http://" + m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the program never said where it listens:\n%s", stderr.String())
	return ""
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// serve answers Discord's signed interactions on its listener, with
// health and metrics beside them, registers the commands when it has a
// token, and stops cleanly.
func TestServe(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL()}
	stderr, stop := background(t, env, "serve", "--addr", "127.0.0.1:0")
	base := addrOf(t, stderr)
	if code, _ := fetch(t, base+"/livez"); code != http.StatusOK {
		t.Errorf("/livez %d", code)
	}
	if code, _ := fetch(t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz %d once serving", code)
	}
	if _, resp := fake.PostInteraction(t, base+"/interactions", priv, `{"id": "1180000000000000500", "application_id": "1170000000000000001", "type": 1, "token": "p", "version": 1}`); resp == nil || resp.Type != discordgo.InteractionResponsePong {
		t.Errorf("PING answered %+v", resp)
	}
	ask := &discordgo.Interaction{ID: "1180000000000000501", Type: discordgo.InteractionApplicationCommand, ChannelID: "1165000000000000001",
		User: &discordgo.User{ID: "80351110224678912"},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "what is this timeline about?"}}}}
	if _, resp := fake.PostInteraction(t, base+"/interactions", priv, ask); resp == nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Content == "" {
		t.Errorf("/ask answered %+v", resp)
	}
	_, metrics := fetch(t, base+"/metrics")
	for _, want := range []string{`timelinebot_interactions_total{command="ask",outcome="ok"} 1`, `timelinebot_index_events 9`, `timelinebot_build_info{version="dev"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	fake.WaitRequest(t, "PUT", "/api/v9/applications/"+fake.ApplicationID()+"/commands")
	if code := stop(); code != exitOK {
		t.Errorf("exit %d after a stop, want 0\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), fake.Token()) {
		t.Errorf("the token is in the log")
	}
}

func TestServeNeedsAKey(t *testing.T) {
	for _, key := range []string{"", "not-hex"} {
		code, _, errOut := cli(t, map[string]string{"DISCORD_PUBLIC_KEY": key}, "", "serve", "--addr", "127.0.0.1:0")
		if code != exitUsage || !strings.Contains(errOut, "DISCORD_PUBLIC_KEY") {
			t.Errorf("key %q: exit %d, %q", key, code, errOut)
		}
	}
}

// The gateway bot serves health and metrics on METRICS_ADDR: ready once
// it has a session, with the shard it was given.
func TestGatewayMetricsAndShard(t *testing.T) {
	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_TOKEN": fake.Token(), "DISCORD_API_URL": fake.URL(), "METRICS_ADDR": "127.0.0.1:0", "SHARD_ID": "1", "SHARD_COUNT": "2"}
	stderr, stop := background(t, env)
	base := addrOf(t, stderr)
	id := fake.WaitIdentify(t)
	if id.Shard == nil || *id.Shard != [2]int{1, 2} {
		t.Errorf("identified as shard %v, want [1 2]", id.Shard)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _ := fetch(t, base+"/readyz")
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz still %d after READY", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, body := fetch(t, base+"/metrics"); !strings.Contains(body, "timelinebot_gateway_reconnects_total 0") {
		t.Errorf("/metrics lacks the reconnect counter")
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d, want 0\n%s", code, stderr.String())
	}
	for _, r := range fake.Requests() {
		if r.Method == "PUT" {
			t.Errorf("shard 1 registered commands: %s %s", r.Method, r.Path)
		}
	}
}

func TestShardConfig(t *testing.T) {
	for _, c := range []struct {
		id, count string
		ok        bool
	}{
		{"", "", true}, {"0", "", true}, {"1", "", false}, {"1", "2", true}, {"2", "2", false},
		{"0", "0", false}, {"x", "2", false}, {"3", "auto", true}, {"", "many", false},
		{"", "2", false}, {"", "auto", false}, {"", "1", true}, // several shards, and this one's not said
	} {
		_, err := loadConfig(func(k string) string {
			switch k {
			case "SHARD_ID":
				return c.id
			case "SHARD_COUNT":
				return c.count
			}
			return ""
		})
		if (err == nil) != c.ok {
			t.Errorf("SHARD_ID=%q SHARD_COUNT=%q: %v, want ok %v", c.id, c.count, err, c.ok)
		}
	}
}
