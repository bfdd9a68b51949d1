// Package interactions serves Discord's HTTP interactions endpoint (the
// "Interactions Endpoint URL" of an application): Discord POSTs each
// interaction, signed, and the response goes back in the HTTP reply. No
// gateway connection, nothing kept between requests: it runs behind any
// load balancer. The answers are the gateway bot's, from the same
// responder.
package interactions
