package otel_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	otellog "go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/redact"
)

const mask = redact.DefaultMask

// emitThrough sends rec through a RedactProcessor over the Logs API and
// returns what the exporter got.
func emitThrough(t *testing.T, r *otel.Redactor, rec otellog.Record) sdklog.Record {
	t.Helper()
	mem := &memExporter{}
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(otel.NewRedactProcessor(sdklog.NewSimpleProcessor(mem), r)))
	provider.Logger("test").Emit(context.Background(), rec)
	require.NoError(t, provider.Shutdown(context.Background()))
	got := mem.Records()
	require.Len(t, got, 1)
	return got[0]
}

func attrsOf(r sdklog.Record) map[string]attribute.Value {
	m := map[string]attribute.Value{}
	r.WalkAttributes(func(kv attribute.KeyValue) bool {
		m[string(kv.Key)] = kv.Value
		return true
	})
	return m
}

func TestRedactProcessor(t *testing.T) {
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	tests := []struct {
		name  string
		attr  attribute.KeyValue
		want  attribute.Value
		rules []redact.Rule
	}{
		{"key", attribute.String("password", "hunter2"), attribute.StringValue(mask), nil},
		{"camel case key", attribute.String("clientSecret", "s3"), attribute.StringValue(mask), nil},
		{"whole words only", attribute.String("author", "ada"), attribute.StringValue("ada"), nil},
		{"metadata word", attribute.Int("token_count", 3), attribute.IntValue(3), nil},
		{"detector in value", attribute.String("line", "dial https://u:pw@db"), attribute.StringValue("dial https://" + mask + "@db"), nil},
		{"JWT", attribute.String("note", "got "+jwt), attribute.StringValue("got " + mask), nil},
		{"number under a sensitive key", attribute.Int("pin", 1234), attribute.StringValue(mask), []redact.Rule{redact.PCIDSS}},
		{"card number", attribute.String("note", "card 4111 1111 1111 1111 ok"), attribute.StringValue("card " + mask + " ok"), []redact.Rule{redact.PCIDSS}},
		{"map by key", attribute.Map("cfg", attribute.String("token", "t"), attribute.String("region", "eu")),
			attribute.MapValue(attribute.String("token", mask), attribute.String("region", "eu")), nil},
		{"map under a sensitive key keeps its shape", attribute.Map("credentials", attribute.String("user", "u"), attribute.Int("n", 1)),
			attribute.MapValue(attribute.String("user", mask), attribute.String("n", mask)), nil},
		{"slice of strings", attribute.StringSlice("urls", []string{"https://u:pw@x", "https://ok"}),
			attribute.SliceValue(attribute.StringValue("https://"+mask+"@x"), attribute.StringValue("https://ok")), nil},
		{"slice of maps", attribute.Slice("hops", attribute.MapValue(attribute.String("secret", "x"))),
			attribute.SliceValue(attribute.MapValue(attribute.String("secret", mask))), nil},
		{"bytes", attribute.ByteSlice("raw", []byte("Authorization: Bearer abcdef123456")), attribute.ByteSliceValue([]byte("Authorization: " + mask)), nil},
		{"ints untouched", attribute.Int64Slice("ids", []int64{1, 2}), attribute.Int64SliceValue([]int64{1, 2}), nil},
		{"bool untouched", attribute.Bool("ok", true), attribute.BoolValue(true), nil},
		{"path rule reaches into maps", attribute.Map("http", attribute.Map("headers", attribute.String("x-user", "ada"))),
			attribute.MapValue(attribute.Map("headers", attribute.String("x-user", mask))), []redact.Rule{{Name: "headers", Paths: []string{"http.headers.*"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rules := append([]redact.Rule{redact.Credentials}, tc.rules...)
			var rec otellog.Record
			rec.SetBody(attribute.StringValue("msg"))
			rec.AddAttributes(tc.attr)
			got := attrsOf(emitThrough(t, redact.Must(rules...), rec))
			require.Equal(t, tc.want.String(), got[string(tc.attr.Key)].String())
			require.Equal(t, tc.want.Type(), got[string(tc.attr.Key)].Type())
		})
	}
}

func TestRedactProcessorBodyAndErrors(t *testing.T) {
	var rec otellog.Record
	rec.SetBody(attribute.StringValue("login to https://admin:pw@db failed"))
	rec.SetErr(errors.New("dial postgres://app:ErrPw@db"))
	rec.SetEventName("db.connect")
	got := emitThrough(t, nil, rec)
	require.Equal(t, "login to https://"+mask+"@db failed", got.Body().AsString())
	require.Equal(t, "dial postgres://"+mask+"@db", attrsOf(got)["exception.message"].AsString())
	require.Equal(t, "db.connect", got.EventName())

	var m otellog.Record
	m.SetBody(attribute.MapValue(attribute.String("password", "x"), attribute.String("user", "ada")))
	got = emitThrough(t, nil, m)
	require.Equal(t, attribute.MapValue(attribute.String("password", mask), attribute.String("user", "ada")).String(), got.Body().String())

	var skip otellog.Record
	skip.SetBody(attribute.StringValue("https://u:pw@x"))
	got = emitThrough(t, redact.Must(redact.Rule{Name: "quiet", SkipMessage: true, Detectors: redact.Credentials.Detectors}), skip)
	require.Equal(t, "https://u:pw@x", got.Body().AsString(), "SkipMessage leaves the body as the message")
}

// FuzzRedactProcessor checks that the processor masks exactly what the
// Redactor masks in the same slog attribute, at the top level, inside a
// map, inside a slice, and in the body.
func FuzzRedactProcessor(f *testing.F) {
	for _, seed := range [][2]string{
		{"password", "hunter2"},
		{"note", "dial https://u:pw@db"},
		{"note", "Authorization: Bearer abc.def.ghi"},
		{"pan", "4111 1111 1111 1111"},
		{"author", "ada"},
		{"token_count", "12"},
		{"x", "AKIAIOSFODNN7EXAMPLE"},
		{"k", "\xff\xfe invalid utf-8 https://a:b@c"},
	} {
		f.Add(seed[0], seed[1])
	}
	r := redact.Must(redact.Credentials, redact.PCIDSS)
	f.Fuzz(func(t *testing.T, key, value string) {
		if key == "" {
			key = "k" // OTel drops attributes with empty keys
		}
		var rec otellog.Record
		rec.SetBody(attribute.StringValue(value))
		rec.AddAttributes(
			attribute.String(key, value),
			attribute.Map("m", attribute.String(key, value)),
			attribute.StringSlice("s", []string{value}),
		)
		got := emitThrough(t, r, rec)
		a := attrsOf(got)

		top, _ := r.Attr(nil, slog.String(key, value))
		if key != "m" && key != "s" {
			require.Equal(t, top.Value.String(), a[key].AsString(), "top level")
		}
		inMap, _ := r.Attr(nil, slog.Group("m", slog.String(key, value)))
		require.Equal(t, inMap.Value.Group()[0].Value.String(), a["m"].AsMap()[0].Value.AsString(), "in a map")
		s, _ := r.String(value)
		require.Equal(t, s, firstString(t, a["s"]), "in a slice")
		require.Equal(t, r.Message(value), got.Body().AsString(), "body")
	})
}

// firstString returns the first element of a slice of strings, whether it
// is still a STRINGSLICE or was rebuilt as a SLICE.
func firstString(t *testing.T, v attribute.Value) string {
	t.Helper()
	switch v.Type() {
	case attribute.STRINGSLICE:
		return v.AsStringSlice()[0]
	case attribute.SLICE:
		return v.AsSlice()[0].AsString()
	}
	t.Fatalf("not a slice: %v", v.Type())
	return ""
}

// TestRedactProcessorKeysAndEventName guards two places of a record that
// are not values: an attribute key that is personal data (top level, and
// at the top of a map body) gets the Redactor's stable placeholder key, as
// it does through slog, and the event name is redacted like a message.
func TestRedactProcessorKeysAndEventName(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.GDPR)
	const email = "k.moreau@example.net"
	want, changed := r.Attr(nil, slog.String(email, "owner"))
	require.True(t, changed)
	require.NotContains(t, want.Key, email)

	var rec otellog.Record
	rec.SetBody(attribute.MapValue(attribute.String(email, "body owner"), attribute.String("plan", "pro")))
	rec.SetEventName("login api_key=ak-7QzR3mWx9Lp2")
	rec.AddAttributes(attribute.String(email, "owner"), attribute.String("region", "eu"))
	got := emitThrough(t, r, rec)

	attrs := attrsOf(got)
	require.NotContains(t, attrs, email, "a personal-data key reached the exporter")
	require.Equal(t, "owner", attrs[want.Key].AsString())
	require.Equal(t, "eu", attrs["region"].AsString())
	require.NotContains(t, got.Body().String(), email)
	require.Contains(t, got.Body().String(), "body owner")
	require.NotContains(t, got.EventName(), "ak-7QzR3mWx9Lp2")
	require.Equal(t, "login api_key="+mask, got.EventName())
}
