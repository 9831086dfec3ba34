package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneTrunklessNeedsPhoneWord: a national number of a country that
// dials no trunk prefix (2-3-2-2, 3-2-2-2, 2-4-4, 2-5-4, 3-7) is masked
// when a word naming a telephone stands before it on the line, in English
// or the country's language, or under a JSON phone key in the text; the
// same group sizes in ordinary log text (sizes, ranges, ports, counts,
// coordinates, versions, table columns) stay as they are.
func TestPhoneTrunklessNeedsPhoneWord(t *testing.T) {
	cases := []spelledCase{
		{"Tel.: 94 627 31 58 (recepción)", "627 31 58", []string{"Tel.: ", "recepción"}},
		{"teléfono de contacto 687 42 19 35", "42 19 35", []string{"teléfono de contacto"}},
		{"móvil 712 66 04 83 apagado", "66 04 83", []string{"móvil", "apagado"}},
		{"zadzwoń pod numer 61 738 24 05 jutro", "738 24 05", []string{"zadzwoń pod numer", "jutro"}},
		{"komórka: 42-519-63-07", "519-63-07", []string{"komórka"}},
		{"WhatsApp 31 98214-6637 ok", "98214-6637", []string{"WhatsApp", "ok"}},
		{"telefone fixo 31 2846-1193", "2846-1193", []string{"telefone fixo"}},
		{"cel 81 6294 1175 sin saldo", "6294 1175", []string{"cel", "sin saldo"}},
		{"llamar al 56-7730-4418 mañana", "7730-4418", []string{"llamar al", "mañana"}},
		{"chiamare il cellulare 347 5520918", "5520918", []string{"chiamare il cellulare"}},
		{`payload {"phone":"93 518 27 64","ok":true}`, "518 27 64", []string{"payload"}},
		{"SMS sent to 622 19 84 30", "19 84 30", []string{"SMS sent to"}},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

// TestGroupedNumbersKept: ordinary log text whose numbers fall in the
// groups of a national phone number without a trunk prefix is written
// unchanged, with no phone word before it.
func TestGroupedNumbersKept(t *testing.T) {
	texts := []string{
		"mem 48 2048-4096 free",
		"disk 81 3072 6144 used",
		"ids 372 5518204 merged",
		"shards 14 562 38 71 rebalanced",
		"cache 22 1536-3072 hits",
		"volumes 33 4096 8192 mounted",
		"ports 56 8443-9443 open",
		"range 64 1000-2000 reserved",
		"counts 17 204 88 31 per bucket",
		"row 42 318 44 29 ok",
		"threads 8 workers 33 1024 1024",
		"grid 45 412 77 93 snapped",
		"version 33 2024 0611 built",
		"pool 55 2000 4000 bytes",
		"queue 21 3500-4500 pending",
		"tiles 21 99812-4417 loaded",
		"batch 355 2847193 rows",
		"offsets 12 348 56 90 written",
		"partition 81 2048-4096 synced",
		"latency p50 23 p99 655 81 27 44",
		"blocks 611 24 83 19 scanned",
		"sizes 25 400 16 16 px",
		"buckets 99 128 64 32 used",
		"inode 338 9921047 freed",
		"calls 61 738 24 05 per shard",
		"cells 42 519 63 07 filled",
		"span 33 1200 2400 ms",
		"| 27 | 845 | 31 | 90 |",
		"table 27 845 31 90\nnext 56 1234 5678",
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.ContactInfo, redact.HIPAA} {
		t.Run(preset.Name, func(t *testing.T) {
			cases := make([]spelledCase, len(texts))
			for i, s := range texts {
				cases[i] = spelledCase{text: s}
			}
			requireSpelled(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}
