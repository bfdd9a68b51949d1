package bot

import (
	"net/http"
	"net/url"
	"strings"
)

// Redirect returns a transport that sends every request to base instead of
// the host it names, keeping the path and query: discordgo's endpoints are
// fixed to https://discord.com, and this is how a REST proxy, or a fake
// Discord in tests, is put in its place. A base with a path prefixes it.
func Redirect(base *url.URL, next http.RoundTripper) http.RoundTripper {
	return redirect{base: base, next: next}
}

type redirect struct {
	base *url.URL
	next http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme = r.base.Scheme
	out.URL.Host = r.base.Host
	if p := strings.TrimSuffix(r.base.Path, "/"); p != "" {
		out.URL.Path = p + req.URL.Path
		out.URL.RawPath = ""
	}
	out.Host = r.base.Host
	return r.next.RoundTrip(out)
}
