package slogaudit

import (
	"context"
	"log/slog"
)

// Trail logs audit events with one method per common event, each carrying
// the attributes that PCI DSS 10.2.2 asks for: who, what, on what, how it
// ended, and (through Origin in attrs or the logger) from where.
type Trail struct {
	logger *slog.Logger
}

// NewTrail returns a Trail that logs to logger (typically one whose handler
// is a slogaudit [Handler]).
func NewTrail(logger *slog.Logger) *Trail { return &Trail{logger: logger} }

func (t *Trail) event(ctx context.Context, level slog.Level, msg string, typ EventType, actor, resource string, outcome Result, attrs []slog.Attr) {
	base := []slog.Attr{Actor(actor), Action(typ), Resource(resource), Outcome(outcome)}
	t.logger.LogAttrs(ctx, level, msg, append(base, attrs...)...)
}

func levelFor(o Result) slog.Level {
	if o == Success {
		return slog.LevelInfo
	}
	return slog.LevelWarn
}

// Authentication logs a sign-in attempt.
func (t *Trail) Authentication(ctx context.Context, actor string, outcome Result, attrs ...slog.Attr) {
	typ := AuthenticationSuccess
	if outcome != Success {
		typ = AuthenticationFailure
	}
	t.event(ctx, levelFor(outcome), "authentication", typ, actor, "session", outcome, attrs)
}

// AuthorizationFailure logs a refused access.
func (t *Trail) AuthorizationFailure(ctx context.Context, actor, resource string, attrs ...slog.Attr) {
	t.event(ctx, slog.LevelWarn, "authorization failure", AuthorizationFailure, actor, resource, Denied, attrs)
}

// DataAccess logs a read of data.
func (t *Trail) DataAccess(ctx context.Context, actor, resource string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "data access", DataAccess, actor, resource, outcome, attrs)
}

// DataModification logs a change of data.
func (t *Trail) DataModification(ctx context.Context, actor, resource string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "data modification", DataModification, actor, resource, outcome, attrs)
}

// DataDeletion logs a deletion of data.
func (t *Trail) DataDeletion(ctx context.Context, actor, resource string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "data deletion", DataDeletion, actor, resource, outcome, attrs)
}

// DataExport logs data leaving the system.
func (t *Trail) DataExport(ctx context.Context, actor, resource string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "data export", DataExport, actor, resource, outcome, attrs)
}

// ConfigChange logs a configuration change.
func (t *Trail) ConfigChange(ctx context.Context, actor, setting string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "configuration change", ConfigChange, actor, setting, outcome, attrs)
}

// CredentialChange logs a password, key or token change.
func (t *Trail) CredentialChange(ctx context.Context, actor, account string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "credential change", CredentialChange, actor, account, outcome, attrs)
}

// PrivilegeUse logs the use of administrative or elevated rights.
func (t *Trail) PrivilegeUse(ctx context.Context, actor, privilege string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "privilege use", PrivilegeUse, actor, privilege, outcome, attrs)
}

// SecurityViolation logs a detected attack or policy breach.
func (t *Trail) SecurityViolation(ctx context.Context, actor, resource string, attrs ...slog.Attr) {
	t.event(ctx, slog.LevelError, "security violation", SecurityViolation, actor, resource, Denied, attrs)
}

// AuditLogAccess logs a read of the audit log itself.
func (t *Trail) AuditLogAccess(ctx context.Context, actor, file string, outcome Result, attrs ...slog.Attr) {
	t.event(ctx, levelFor(outcome), "audit log access", AuditLogAccess, actor, file, outcome, attrs)
}
