package discordtest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

func writeJSON(w http.ResponseWriter, status int, body any) {
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	raw, err := json.Marshal(body)
	if err != nil {
		status, raw = http.StatusInternalServerError, []byte(`{"message":"500: Internal Server Error","code":0}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

// takeFailure returns the first Fail that matches, and forgets it.
func (s *Server) takeFailure(method, p string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.failures {
		if ok, _ := path.Match(f.pattern, p); ok && (f.method == "" || f.method == method) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f.Failure, true
		}
	}
	return Failure{}, false
}

// rateLimited writes the headers of a 429 and is its body, as Discord
// sends them.
func rateLimited(w http.ResponseWriter, f Failure) any {
	secs := f.RetryAfter.Seconds()
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	w.Header().Set("X-RateLimit-Limit", "5")
	w.Header().Set("X-RateLimit-Remaining", "0")
	w.Header().Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	w.Header().Set("X-RateLimit-Bucket", "discordtest")
	scope := "user"
	if f.Global {
		w.Header().Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	w.Header().Set("X-RateLimit-Scope", scope)
	return map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": f.Global, "code": 0}
}

// sleepOr waits d, or less if the client gives up, and reports whether
// the client is still there.
func sleepOr(r *http.Request, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

// invalid fails the test for a body Discord would refuse, and answers as
// Discord does.
func (s *Server) invalid(r *http.Request, problems []problem) (int, any) {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	s.t.Errorf("discordtest: %s %s: Discord would refuse the body:\n  %s", r.Method, r.URL.Path, strings.Join(lines, "\n  "))
	return http.StatusBadRequest, formError(problems)
}

// undecodable fails the test for a body that is not what the route takes.
func (s *Server) undecodable(r *http.Request, err error) (int, any) {
	s.t.Errorf("discordtest: %s %s: body does not decode: %v", r.Method, r.URL.Path, err)
	return http.StatusBadRequest, apiError{Message: "The request body contains invalid JSON.", Code: 50109}
}

// formError nests problems by their paths, as Discord's errors field does:
// {"data":{"embeds":{"0":{"title":{"_errors":[{"code":...,"message":...}]}}}}}.
func formError(problems []problem) apiError {
	root := map[string]any{}
	for _, p := range problems {
		node := root
		if p.path != "" {
			for _, key := range strings.Split(p.path, ".") {
				next, ok := node[key].(map[string]any)
				if !ok {
					next = map[string]any{}
					node[key] = next
				}
				node = next
			}
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]string{"code": p.code, "message": p.msg})
	}
	return apiError{Message: "Invalid Form Body", Code: 50035, Errors: root}
}

func (s *Server) botUser() *discordgo.User {
	return &discordgo.User{ID: s.botID, Username: BotUsername, Discriminator: "0", Bot: true}
}

func (s *Server) wsURL() string {
	return "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway"
}

func (s *Server) notFound(*http.Request, []byte) (int, any) {
	return http.StatusNotFound, statusError(http.StatusNotFound)
}

func (s *Server) getGateway(*http.Request, []byte) (int, any) {
	return http.StatusOK, map[string]string{"url": s.wsURL()}
}

func (s *Server) getGatewayBot(*http.Request, []byte) (int, any) {
	return http.StatusOK, discordgo.GatewayBotResponse{
		URL:    s.wsURL(),
		Shards: s.recommended,
		SessionStartLimit: discordgo.SessionInformation{
			Total: 1000, Remaining: 1000, ResetAfter: 0, MaxConcurrency: 1,
		},
	}
}

// getApplication is the application of the bot's token.
func (s *Server) getApplication(*http.Request, []byte) (int, any) {
	return http.StatusOK, map[string]any{"id": s.appID, "name": "TimelineBot", "bot_public": true}
}

func (s *Server) getMe(*http.Request, []byte) (int, any) {
	return http.StatusOK, s.botUser()
}

func (s *Server) getCommands(r *http.Request, _ []byte) (int, any) {
	if r.PathValue("app") != s.appID {
		return http.StatusNotFound, unknownApplication
	}
	return http.StatusOK, s.Commands(r.PathValue("guild"))
}

func (s *Server) putCommands(r *http.Request, body []byte) (int, any) {
	if r.PathValue("app") != s.appID {
		return http.StatusNotFound, unknownApplication
	}
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(body, &cmds); err != nil {
		return s.undecodable(r, err)
	}
	var c checker
	c.commands(cmds)
	if len(c.problems) > 0 {
		return s.invalid(r, c.problems)
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[guild] = s.storeCommandsLocked(guild, cmds)
	return http.StatusOK, cloneCommands(s.commands[guild])
}

func (s *Server) postCallback(r *http.Request, body []byte) (int, any) {
	var resp discordgo.InteractionResponse
	if err := decode(body, &resp); err != nil {
		return s.undecodable(r, err)
	}
	var c checker
	c.response(&resp)
	if len(c.problems) > 0 {
		return s.invalid(r, c.problems)
	}
	id, token := r.PathValue("id"), r.PathValue("token")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.acked[id] {
		s.t.Errorf("discordtest: interaction %s answered twice", id)
		return http.StatusBadRequest, apiError{Message: "Interaction has already been acknowledged.", Code: 40060}
	}
	s.acked[id] = true
	s.answeredLocked(token, &resp)
	return http.StatusNoContent, nil
}

// answeredLocked records an interaction's response, by callback or in an
// endpoint's HTTP reply: whatever a message reply says, or nothing yet
// when deferred, it is the message that @original names from now on.
func (s *Server) answeredLocked(token string, resp *discordgo.InteractionResponse) {
	switch resp.Type {
	case discordgo.InteractionResponsePong, discordgo.InteractionApplicationCommandAutocompleteResult, discordgo.InteractionResponseModal:
		return
	}
	m := s.newMessageLocked(s.channels[token])
	m.Type = discordgo.MessageTypeChatInputCommand
	if d := resp.Data; d != nil {
		m.Content, m.Embeds, m.Components, m.Flags = d.Content, d.Embeds, d.Components, d.Flags
	}
	s.original[token] = m
}

func (s *Server) newMessageLocked(channelID string) *discordgo.Message {
	return &discordgo.Message{
		ID:        s.newID(),
		ChannelID: channelID,
		Author:    s.botUser(),
		Timestamp: time.Now().UTC(),
	}
}

// snapshot renders a message while s.mu is held, so that a later edit
// cannot race with the encoding.
func snapshot(m *discordgo.Message) any {
	raw, err := json.Marshal(m)
	if err != nil {
		return statusError(http.StatusInternalServerError)
	}
	return json.RawMessage(raw)
}

// webhookMessageLocked finds the message a webhook route names: @original
// or a followup.
func (s *Server) webhookMessageLocked(r *http.Request) (*discordgo.Message, apiError, bool) {
	if r.PathValue("app") != s.appID {
		return nil, unknownWebhook, false
	}
	token, id := r.PathValue("token"), r.PathValue("message")
	var m *discordgo.Message
	if id == "@original" {
		m = s.original[token]
	} else {
		m = s.messages[token+"/"+id]
	}
	if m == nil {
		return nil, unknownMessage, false
	}
	return m, apiError{}, true
}

func (s *Server) getMessage(r *http.Request, _ []byte) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e, ok := s.webhookMessageLocked(r)
	if !ok {
		return http.StatusNotFound, e
	}
	return http.StatusOK, snapshot(m)
}

func (s *Server) patchMessage(r *http.Request, body []byte) (int, any) {
	var e discordgo.WebhookEdit
	if err := decode(body, &e); err != nil {
		return s.undecodable(r, err)
	}
	var c checker
	c.edit(&e)
	if len(c.problems) > 0 {
		return s.invalid(r, c.problems)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, apiErr, ok := s.webhookMessageLocked(r)
	if !ok {
		return http.StatusNotFound, apiErr
	}
	if e.Content != nil {
		m.Content = *e.Content
	}
	if e.Embeds != nil {
		m.Embeds = *e.Embeds
	}
	if e.Components != nil {
		m.Components = *e.Components
	}
	m.EditedTimestamp = new(time.Now().UTC())
	return http.StatusOK, snapshot(m)
}

func (s *Server) deleteMessage(r *http.Request, _ []byte) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e, ok := s.webhookMessageLocked(r)
	if !ok {
		return http.StatusNotFound, e
	}
	token := r.PathValue("token")
	if s.original[token] == m {
		delete(s.original, token)
	}
	delete(s.messages, token+"/"+m.ID)
	return http.StatusNoContent, nil
}

func (s *Server) postFollowup(r *http.Request, body []byte) (int, any) {
	var p discordgo.WebhookParams
	if err := decode(body, &p); err != nil {
		return s.undecodable(r, err)
	}
	var c checker
	c.followup(&p)
	if len(c.problems) > 0 {
		return s.invalid(r, c.problems)
	}
	token := r.PathValue("token")
	s.mu.Lock()
	defer s.mu.Unlock()
	// A followup needs the interaction answered first.
	if r.PathValue("app") != s.appID || s.original[token] == nil {
		return http.StatusNotFound, unknownWebhook
	}
	m := s.newMessageLocked(s.channels[token])
	m.Content, m.Embeds, m.Components, m.Flags = p.Content, p.Embeds, p.Components, p.Flags
	s.messages[token+"/"+m.ID] = m
	if r.URL.Query().Get("wait") != "true" {
		return http.StatusNoContent, nil
	}
	return http.StatusOK, snapshot(m)
}

func (s *Server) postChannelMessage(r *http.Request, body []byte) (int, any) {
	var send discordgo.MessageSend
	if err := decode(body, &send); err != nil {
		return s.undecodable(r, err)
	}
	var c checker
	c.messageSend(&send)
	if len(c.problems) > 0 {
		return s.invalid(r, c.problems)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMessageLocked(r.PathValue("channel"))
	m.Content, m.Embeds, m.Components, m.Flags = send.Content, send.Embeds, send.Components, send.Flags
	m.MessageReference = send.Reference
	if send.Reference != nil {
		m.Type = discordgo.MessageTypeReply
	}
	return http.StatusOK, snapshot(m)
}

// describe names a request for failure messages.
func describe(r Request) string {
	return fmt.Sprintf("%s %s → %d", r.Method, r.Path, r.Status)
}
