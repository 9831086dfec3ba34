package redact_test

import "testing"

// TestLongSignatureSplitMasked: an RSA signature (342 bytes) split past
// its first 43 bytes by a shell's line continuation, a line break or an
// escaped one is masked to its end, and a whole token followed by a
// break and the next word keeps that word.
func TestLongSignatureSplitMasked(t *testing.T) {
	const (
		head = "eyJhbGciOiJSUzI1NiIsImtpZCI6Ims3In0"
		body = "eyJzdWIiOiJzdmMtYmlsbGluZyIsImV4cCI6MTg5MzQ1NjAwMH0"
		rsa  = "ZWzwDFrlGXl-z1BVXBt7wRkl8OZfIa2AUk7z7gTqBu4wweocv81k2lsNaWQrZzhB4GZqT8hqt0pmpsLww0sAO_DGpUxjKbgRBWZRZX1VlxeVZ4DNCNnOBFXL4k41GiLP9qG3L0uKW4yWRzSaTLyvH1D0SZaozaNv4AH17KzcnNjeh1MVLymYZwH6Qqq5X1wUGAJ7Wx98vjE6boQ_jQaJbO0HvrgYegRDLu4h1Dyo-vIJUjzwTkoqrtleWvTDuRgR3yNwos_bDWmE4kuv4VGOfYcMuqbKLLp_2jfTuOQPeWIDtcKZ1Dw0gBEHum3adzqxMhGx3taeY5jvDR3q9lVuD-"
		hs   = "Am3zwr8FwGvjEED1YjEGPQ_ymde3hOygLxIGbLzUouS"
		odd  = "XsNHz5hdTDskWcTOWFtjcdwBCRGja3o3kV_2WHPSoIFieCIPnIN"
	)
	jwt := head + "." + body + "."
	requireWholeCases(t, nil, []textCase{
		{"shell continuation at 120", "curl -H 'Authorization: Bearer " + jwt + rsa[:120] + "\\\n" + rsa[120:] + "' https://billing.internal/v2", []string{rsa[120:200], rsa[300:]}, []string{"https://billing.internal/v2"}},
		{"shell continuation crlf at 200", "TOKEN=" + jwt + rsa[:200] + "\\\r\n" + rsa[200:], []string{rsa[200:260], rsa[300:]}, nil},
		{"bare continuation at 64 plus 1", jwt + rsa[:65] + "\\\n" + rsa[65:], []string{rsa[65:120], rsa[300:]}, nil},
		{"line break at 100", jwt + rsa[:100] + "\n" + rsa[100:], []string{rsa[100:160], rsa[300:]}, nil},
		{"escaped break at 250", `{"id_token":"` + jwt + rsa[:250] + `\n` + rsa[250:] + `"}`, []string{rsa[250:], rsa[260:]}, nil},
	})
	requireWholeCases(t, nil, []textCase{
		{"hs256 then escaped break and word", "sess " + jwt + hs + `\nnext step: reload`, []string{hs}, []string{`\\nnext step: reload`}},
		{"rs256 then escaped break and pair", jwt + rsa + `\nstatus=ok`, []string{rsa[:40]}, []string{`\\nstatus=ok`}},
		{"odd length then escaped crlf and pair", jwt + odd + `\r\nuser=bob`, []string{odd}, []string{`\\r\\nuser=bob`}},
		{"odd length then escaped tab and word", jwt + odd + `\tcontinue`, []string{odd}, []string{`\\tcontinue`}},
		{"odd length then continuation and word", jwt + odd + "\\\nretrying", []string{odd}, []string{"retrying"}},
		{"rs256 then line break and word", jwt + rsa + "\r\nDone", []string{rsa[:40]}, []string{"Done"}},
		{"odd length then line break and capital word", jwt + odd + "\nRetrying", []string{odd}, []string{"Retrying"}},
	})
}
