package interactions

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/timelinebot/timelinebot/bot"
	"github.com/timelinebot/timelinebot/bot/discordtest"
)

// BenchmarkSignedAsk is one /ask over the endpoint, on loopback: the
// signature checked, the question answered inline.
func BenchmarkSignedAsk(b *testing.B) {
	benchEndpoint(b, interaction(b, "ask.json"))
}

// BenchmarkRejected is a request with a bad signature: what a flood of
// forged requests costs.
func BenchmarkRejected(b *testing.B) {
	e := serveBench(b)
	body := interaction(b, "ask.json")
	b.ResetTimer()
	for range b.N {
		req, _ := http.NewRequest(http.MethodPost, e.url, bytes.NewReader(body))
		req.Header.Set("X-Signature-Timestamp", "1")
		req.Header.Set("X-Signature-Ed25519", "00")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
	}
}

func serveBench(b *testing.B) *endpoint { return serve(b, finder{}, bot.Config{}) }

func benchEndpoint(b *testing.B, body []byte) {
	e := serveBench(b)
	b.ResetTimer()
	for range b.N {
		req, _ := http.NewRequest(http.MethodPost, e.url, bytes.NewReader(body))
		discordtest.Sign(req, e.key, body, time.Now())
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != http.StatusOK {
			b.Fatal(err, res.StatusCode)
		}
		res.Body.Close()
	}
}
