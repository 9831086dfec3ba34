package slogaudit

import (
	"context"
	"log/slog"
)

// Keys of the audit vocabulary. Policies name required attributes by them.
const (
	KeyActor    = "actor"
	KeyAction   = "action"
	KeyOutcome  = "outcome"
	KeyResource = "resource"
	KeyOrigin   = "origin"
	KeyReason   = "reason"
)

// EventType is what happened, the value of the "action" attribute.
type EventType string

// Event types. The names are stable: they are written to the log.
const (
	AuthenticationSuccess EventType = "authentication.success"
	AuthenticationFailure EventType = "authentication.failure"
	AuthorizationFailure  EventType = "authorization.failure"
	DataAccess            EventType = "data.access"
	DataModification      EventType = "data.modification"
	DataDeletion          EventType = "data.deletion"
	DataExport            EventType = "data.export"
	ConfigChange          EventType = "config.change"
	CredentialChange      EventType = "credential.change"
	PrivilegeUse          EventType = "privilege.use"
	SecurityViolation     EventType = "security.violation"
	AuditLogAccess        EventType = "audit.access"
	RetentionApplied      EventType = "retention.applied"
	SystemStart           EventType = "system.start"
	SystemStop            EventType = "system.stop"
)

// Result is how an event ended: the value of the outcome attribute
// ([Outcome]).
type Result string

// The results an event can have, written as its outcome attribute.
const (
	Success Result = "success"
	Failure Result = "failure"
	Denied  Result = "denied"
	Error   Result = "error"
)

// Actor is who acted: a user id, a service account.
func Actor(id string) slog.Attr { return slog.String(KeyActor, id) }

// Action is what happened.
func Action(t EventType) slog.Attr { return slog.String(KeyAction, string(t)) }

// Outcome is how it ended.
func Outcome(o Result) slog.Attr { return slog.String(KeyOutcome, string(o)) }

// Resource is what was acted on: a record id, a file, a setting.
func Resource(id string) slog.Attr { return slog.String(KeyResource, id) }

// Origin is where the action came from: the client IP and user agent.
func Origin(ip, userAgent string) slog.Attr {
	return slog.Group(KeyOrigin, slog.String("ip", ip), slog.String("user_agent", userAgent))
}

// Reason is why: a ticket, a justification, an error.
func Reason(text string) slog.Attr { return slog.String(KeyReason, text) }

// IsAuditEvent reports whether r carries an "action" attribute. Use it with
// slogmulti.Router to send only audit events to the audit handler:
//
//	slogmulti.Router().Add(core).Add(audit, slogaudit.IsAuditEvent).Handler()
func IsAuditEvent(_ context.Context, r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == KeyAction
		return !found
	})
	return found
}
