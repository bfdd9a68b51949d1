package discordtest

import (
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// decode unmarshals a JSON body into v. discordgo's outgoing types hold
// their components as an interface that encoding/json cannot fill, so for
// those types the components are decoded apart, the way discordgo decodes
// them in what it receives.
func decode(body []byte, v any) error {
	switch v := v.(type) {
	case *discordgo.InteractionResponse:
		var raw struct {
			Type discordgo.InteractionResponseType `json:"type"`
			Data json.RawMessage                   `json:"data"`
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			return err
		}
		*v = discordgo.InteractionResponse{Type: raw.Type}
		if len(raw.Data) == 0 || string(raw.Data) == "null" {
			return nil
		}
		v.Data = new(discordgo.InteractionResponseData)
		return decode(raw.Data, v.Data)
	case *discordgo.InteractionResponseData:
		comps, _, err := withComponents(body, v)
		v.Components = comps
		return err
	case *discordgo.MessageSend:
		comps, _, err := withComponents(body, v)
		v.Components = comps
		return err
	case *discordgo.WebhookParams:
		comps, _, err := withComponents(body, v)
		v.Components = comps
		return err
	case *discordgo.WebhookEdit:
		comps, present, err := withComponents(body, v)
		if present {
			v.Components = &comps
		}
		return err
	default:
		return json.Unmarshal(body, v)
	}
}

// withComponents unmarshals body, all but its components, into dst, and
// returns the components and whether the body had any (null counts as none).
func withComponents(body []byte, dst any) ([]discordgo.MessageComponent, bool, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, false, err
	}
	raw, present := fields["components"]
	delete(fields, "components")
	rest, err := json.Marshal(fields)
	if err != nil {
		return nil, false, err
	}
	if err := json.Unmarshal(rest, dst); err != nil {
		return nil, false, err
	}
	if !present || string(raw) == "null" {
		return nil, false, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, true, fmt.Errorf("components: %w", err)
	}
	comps := make([]discordgo.MessageComponent, len(items))
	for i, item := range items {
		comp, err := discordgo.MessageComponentFromJSON(item)
		if err != nil {
			return nil, true, fmt.Errorf("components[%d]: %w", i, err)
		}
		comps[i] = comp
	}
	return comps, true, nil
}
