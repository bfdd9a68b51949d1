package discordtest

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// attachment is a file the fake's CDN serves, or a redirect elsewhere.
type attachment struct {
	body     []byte
	redirect string
}

// Attachment makes the fake's CDN serve body as filename and returns the
// attachment as an interaction's resolved data carries it: its URL on the
// fake's host, which is the host DISCORD_API_URL names.
func (s *Server) Attachment(filename string, body []byte) *discordgo.MessageAttachment {
	return s.addAttachment(filename, attachment{body: body}, len(body))
}

// RedirectedAttachment is an attachment whose URL redirects to another
// URL: a CDN that sends the bot somewhere it must not go.
func (s *Server) RedirectedAttachment(filename, to string, size int) *discordgo.MessageAttachment {
	return s.addAttachment(filename, attachment{redirect: to}, size)
}

func (s *Server) addAttachment(filename string, a attachment, size int) *discordgo.MessageAttachment {
	id := s.newID()
	path := "/attachments/" + id + "/" + url.PathEscape(filename)
	s.mu.Lock()
	s.files[path] = a
	s.mu.Unlock()
	return &discordgo.MessageAttachment{ID: id, Filename: filename, Size: size, URL: s.http.URL + path, ProxyURL: s.http.URL + path}
}

func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.files[r.URL.EscapedPath()]
	s.mu.Unlock()
	switch {
	case !ok:
		http.NotFound(w, r)
	case a.redirect != "":
		http.Redirect(w, r, a.redirect, http.StatusFound)
	default:
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
		w.Write(a.body)
	}
}
