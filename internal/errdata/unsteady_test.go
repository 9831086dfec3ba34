package errdata

import (
	"encoding/json"
	"errors"
	"math/big"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type ownJSON struct{}

func (ownJSON) MarshalJSON() ([]byte, error) { return []byte(`1`), nil }

type ownText struct{}

func (*ownText) MarshalText() ([]byte, error) { return []byte("t"), nil }

type jsonError struct{ ownJSON }

func (jsonError) Error() string { return "e" }

func TestRendersUnsteadily(t *testing.T) {
	at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	for name, tc := range map[string]struct {
		x    any
		want bool
	}{
		"own MarshalJSON":         {ownJSON{}, true},
		"pointer to it":           {&ownJSON{}, true},
		"own MarshalText pointer": {&ownText{}, true},
		"time":                    {&at, false},
		"raw JSON":                {json.RawMessage(`{}`), false},
		"IP":                      {net.IPv4(192, 0, 2, 1), false},
		"netip":                   {netip.MustParseAddr("2001:db8::1"), false},
		"big int":                 {big.NewInt(7), false},
		"error that marshals":     {jsonError{}, false},
		"plain error":             {errors.New("e"), false},
		"map holding one":         {map[string]any{"a": ownJSON{}}, false},
		"string":                  {"s", false},
		"nil":                     {nil, false},
	} {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, tc.want, RendersUnsteadily(tc.x))
		})
	}
}
