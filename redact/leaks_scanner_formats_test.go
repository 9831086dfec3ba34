package redact_test

import "testing"

// TestScannerRuleSetFormatsMasked: credentials whose prefix the public
// rule sets of secret scanners recognise, met in prose without any key
// naming them.
func TestScannerRuleSetFormatsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"cerebras", "inference client uses csk-icltrtf8xif812j1tl9r927izcz73c2a2ktsqrvq0eh1lhtf now", []string{"tl9r927izcz7", "3c2a2ktsqrvq0eh1lhtf"}, []string{"inference client uses "}},
		{"axiom api token", "ingest via xaat-2938e435-e482-4005-9369-3a2498dd0471 ok", []string{"e482-4005-93", "05-9369-3a2498dd0471"}, []string{"ingest via "}},
		{"axiom personal token", "cli login xapt-c51d941c-4842-4671-bc06-b31c4b14817b done", []string{"4842-4671-bc", "71-bc06-b31c4b14817b"}, []string{"cli login "}},
		{"logfire", "exporter uses pylf_v1_eu_MDN5ceK0bFAhfPaoLzFZioAyNM6k9FSUtHnekcJikRvU configured", []string{"AhfPaoLzFZio", "NM6k9FSUtHnekcJikRvU"}, []string{"exporter uses "}},
		{"newrelic insights query", "query key NRIQ-AMyAnxcqPBQGY2_OxTSFej9ftmS issued", []string{"xcqPBQGY2_Ox", "qPBQGY2_OxTSFej9ftmS"}, []string{"query key "}},
		{"newrelic browser", "browser agent NRBR-2e1419fdb805045a3f6 set", []string{"e1419fdb8050", "-2e1419fdb805045a3f6"}, []string{"browser agent "}},
		{"fullstory", "fs client na1.Latfp+YLiKwP3NjO/bL9p+mH6z9LyJ681ibiBHmPV/ga8OoP1U/giYizYpDEKt4wdTl4wxEv4nW5lx+6uFVv08/SYjSTFobwjYgj ready", []string{"ga8OoP1U/giY", "uFVv08/SYjSTFobwjYgj"}, []string{"fs client "}},
		{"nightfall", "scan with NF-Kil783a2EtFsZZJ4hoWHuV6S033qjvzu done", []string{"EtFsZZJ4hoWH", "ZZJ4hoWHuV6S033qjvzu"}, []string{"scan with "}},
		{"bitbucket data center", "git remote uses BBDC-yWYKOtTKWIpiF+BaxmtQSWYgLLwhVjTwQ+2AzeKjxuVP accepted", []string{"+BaxmtQSWYgL", "LLwhVjTwQ+2AzeKjxuVP"}, []string{"git remote uses "}},
		{"deno deploy personal", "deployctl ddp_vo8QCUl1mRKFWRw87m6TRgfU24TWqojb6L8q pushed", []string{"KFWRw87m6TRg", "7m6TRgfU24TWqojb6L8q"}, []string{"deployctl "}},
		{"deno deploy organisation", "org deploy ddw_7MSpYa0SLOHkcpnFCBnCBbei1G7T8gRXVQya pushed", []string{"HkcpnFCBnCBb", "CBnCBbei1G7T8gRXVQya"}, []string{"org deploy "}},
		{"endor labs", "scanner uses endr+Y1SVM8nYYvQszVAu loaded", []string{"+Y1SVM8nYYvQ", "ndr+Y1SVM8nYYvQszVAu"}, []string{"scanner uses "}},
		{"figma", "design sync figp_tSFu5lbb7IGb2ztzHC-fCmc6sFtfqCIQpghLfl41qrcc ok", []string{"ztzHC-fCmc6s", "sFtfqCIQpghLfl41qrcc"}, []string{"design sync "}},
		{"sonarcloud", "analysis sqco_RHm46ZosN6kF4TF5kMn4CFT3Z2MlLL2pdhAqMRifZNTdafCsLI3oRRwpiOd started", []string{"FT3Z2MlLL2pd", "fZNTdafCsLI3oRRwpiOd"}, []string{"analysis "}},
		{"trufflehog key", "enterprise uses thog-key-f00bfe4510347c1f here", []string{"ey-f00bfe451", "key-f00bfe4510347c1f"}, []string{"enterprise uses "}},
		{"trufflehog secret", "enterprise uses thog-secret-eeb68b627159bb23b8f26433747bdb1e here", []string{"8b627159bb23", "bb23b8f26433747bdb1e"}, []string{"enterprise uses "}},
		{"wakatime", "plugin set waka_a0d26911-f939-49c1-9c8e-491546a763dc today", []string{"f939-49c1-9c", "c1-9c8e-491546a763dc"}, []string{"plugin set "}},
		{"devcycle", "sdk init dvc_server_0c91035d_bd83896a953243258816f7291683c257_04403d5 done", []string{"896a95324325", "f7291683c257_04403d5"}, []string{"sdk init "}},
		{"adafruit", "feed push aio_PqqLvjy6nr5nep7XZkUjRDRvvv8N ok", []string{"y6nr5nep7XZk", "nr5nep7XZkUjRDRvvv8N"}, []string{"feed push "}},
		{"paddle live", "billing via pdl_live_apikey_84vqsxe2t56zkyz6yffa0jj4ce_KfPhwZ3XOAfJ6gZJ00aZJ3_a2u ready", []string{"kyz6yffa0jj4", "3XOAfJ6gZJ00aZJ3_a2u"}, []string{"billing via "}},
		{"paddle sandbox", "billing via pdl_sdbx_apikey_arf9jwcw12dqmv799ht437gn4z_6cnClX2BPQzvTX28hT3Fkg_8OB ready", []string{"mv799ht437gn", "2BPQzvTX28hT3Fkg_8OB"}, []string{"billing via "}},
		{"razorpay live", "checkout rzp_live_vrDH7qM9GPJk0A set", []string{"ive_vrDH7qM9", "_live_vrDH7qM9GPJk0A"}, []string{"checkout "}},
		{"razorpay test", "checkout rzp_test_nIEIjgLOEIWja7 set", []string{"est_nIEIjgLO", "_test_nIEIjgLOEIWja7"}, []string{"checkout "}},
		{"pagarme", "gateway ak_live_3n8NpfNbOGUw3T483oj6rMfP5qtWkh set", []string{"fNbOGUw3T483", "Uw3T483oj6rMfP5qtWkh"}, []string{"gateway "}},
		{"ramp id", "client ramp_id_ZtH4C64dzBaIrlARbjOs9IM4Y3tpCpXdcKdZvnwV set", []string{"aIrlARbjOs9I", "9IM4Y3tpCpXdcKdZvnwV"}, []string{"client "}},
		{"ramp secret", "client ramp_sec_jb6qq0QaWJ9U12WPQcfryR6Gg6vZ8wtmIQ4XQ0rfczhFVgCP set", []string{"2WPQcfryR6Gg", "8wtmIQ4XQ0rfczhFVgCP"}, []string{"client "}},
		{"midtrans", "charge via Mid-server-GLa2hXhMbO7Q1a_HX0RssTFu ok", []string{"GLa2hXhMbO7Q", "hXhMbO7Q1a_HX0RssTFu"}, []string{"charge via "}},
		{"midtrans sandbox", "charge via SB-Mid-server-pW3XYw4FZoSyAtAS0iDuwu2p ok", []string{"-pW3XYw4FZoS", "Yw4FZoSyAtAS0iDuwu2p"}, []string{"charge via "}},
		{"square sandbox secret", "oauth app sandbox-sq0csb-wPD7LWTbjnwlIQKUJVLmti494z_437b__fCbpeJ6prZ set", []string{"jnwlIQKUJVLm", "94z_437b__fCbpeJ6prZ"}, []string{"oauth app "}},
		{"robinhood", "crypto client rh-api-f4ad16f7-da9e-4e4f-868f-9d11bf354842 set", []string{"-da9e-4e4f-8", "4f-868f-9d11bf354842"}, []string{"crypto client "}},
		{"flexport", "freight api shltm_L43R8Tar77WrSACjxaygHJTxOGHxB7byBvFaJuAM set", []string{"rSACjxaygHJT", "HJTxOGHxB7byBvFaJuAM"}, []string{"freight api "}},
		{"fleetbase", "fleet api flb_live_Xdd9wC2AmNYlr0oxZ62I set", []string{"_Xdd9wC2AmNY", "Xdd9wC2AmNYlr0oxZ62I"}, []string{"fleet api "}},
		{"persona production", "kyc persona_production_9ac6692c-c533-4370-bc61-1cc67d26ed57 set", []string{"c6692c-c533-", "70-bc61-1cc67d26ed57"}, []string{"kyc "}},
		{"persona sandbox", "kyc persona_sandbox_6519f62f-9f34-4d06-95c1-010dda97d167 set", []string{"f62f-9f34-4d", "06-95c1-010dda97d167"}, []string{"kyc "}},
		{"onfido live", "idv api_live._32cfdXbaVx._nxoFmL6jm8TMGiTjedYeulb_cTgfi7d set", []string{"._nxoFmL6jm8", "MGiTjedYeulb_cTgfi7d"}, []string{"idv "}},
		{"onfido sandbox", "idv api_sandbox.Jz54T4RmI0o._WGzm3NSQGYeMPotQ1VLaRwC_OV6rqtc set", []string{"o._WGzm3NSQG", "MPotQ1VLaRwC_OV6rqtc"}, []string{"idv "}},
		{"salesforce consumer key", "connected app 3MVG9GCl3uQeyK5VSejBqKLVka8jZUpsHRnczKbio6HHFnfIW7JC6ieGFwo5WeTQK6x46BtT_uPB6H6YW1AkeWrQwm set", []string{"io6HHFnfIW7J", "tT_uPB6H6YW1AkeWrQwm"}, []string{"connected app "}},
		{"salesforce refresh token", "session renew 5AEP8612hE6U1yOq_MArUaDKmVPURej7HpAZfdj16EvEC..Ro_97xwkPqQE8kH6.lF.mF4rvCkdI9h2wU3zVZgn93 set", []string{"j16EvEC..Ro_", "4rvCkdI9h2wU3zVZgn93"}, []string{"session renew "}},
		{"zoho", "crm call 1000.dbad3569b1032262898b8b556dd1091b.78869a92a9994e4fc7dad09a94cdd0f7 set", []string{"6dd1091b.788", "4e4fc7dad09a94cdd0f7"}, []string{"crm call "}},
		{"pinterest", "pins api pina_0Rj3zBGOOhwErL558suRoQjLGVT9JctZW1QwDWkG1iBgFw6f7E9bDMTfAEGODi0F8LSEeokovMVxZ13dpoNwANVUo7 set", []string{"DWkG1iBgFw6f", "kovMVxZ13dpoNwANVUo7"}, []string{"pins api "}},
		{"samsara", "fleet api samsara_api_LhD3OP8nt9fQcx5AP9VpJyEEQ9js8E set", []string{"3OP8nt9fQcx5", "fQcx5AP9VpJyEEQ9js8E"}, []string{"fleet api "}},
		{"saladcloud", "gpu api salad_cloud_9eVvhx_cBFxlV9rl91e8bm7CFnK3oMULiUVXD set", []string{"_cBFxlV9rl91", "1e8bm7CFnK3oMULiUVXD"}, []string{"gpu api "}},
		{"pubnub publish", "realtime pub-c-07e5ea5e-8a87-4a6b-87bd-f4f4744ba500 set", []string{"8a87-4a6b-87", "6b-87bd-f4f4744ba500"}, []string{"realtime "}},
		{"pubnub subscribe", "realtime sub-c-a3278216-a772-4452-b085-29b007950c30 set", []string{"a772-4452-b0", "52-b085-29b007950c30"}, []string{"realtime "}},
		{"pubnub secret", "realtime sec-c-lKrxAtF/ZBKrklL1ZNTqJoryPUBRKU7oBMtGbkmyMA1Cp24X set", []string{"1ZNTqJoryPUB", "KU7oBMtGbkmyMA1Cp24X"}, []string{"realtime "}},
		{"bannerbear project", "images via bb_pr_d090b3813a8e4e0401021e27752c96 ok", []string{"813a8e4e0401", "8e4e0401021e27752c96"}, []string{"images via "}},
		{"bannerbear master", "images via bb_ma_018e1b6b1404961a22692b7aed6626 ok", []string{"6b1404961a22", "04961a22692b7aed6626"}, []string{"images via "}},
		{"ubidots", "iot api BBFF-0T0kKJaFhl7rOsqVknq87RaLjHpT7U set", []string{"aFhl7rOsqVkn", "7rOsqVknq87RaLjHpT7U"}, []string{"iot api "}},
		{"voiceflow", "agent api VF.DM.4d1db01e5685e1d30a6972f2.nigor4qsdtx3Wq2s set", []string{"5e1d30a6972f", "2f2.nigor4qsdtx3Wq2s"}, []string{"agent api "}},
		{"voiceflow workspace", "agent api VF.WS.301c9dfd29486d6d60c810a4.02B37unbBcm5Vhsx set", []string{"86d6d60c810a", "0a4.02B37unbBcm5Vhsx"}, []string{"agent api "}},
	})
}

// TestScannerRuleSetLookalikesKept: words, ids and host names that share a
// prefix with those formats but not their length, alphabet or layout.
func TestScannerRuleSetLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"aio_http_session_timeout=30",
		"GET https://na1.salesforce.com/services/data/v58.0/sobjects/Account/describe/layouts/namedLayouts/compact",
		"na1.example.internal up",
		"took 1000.5 ms",
		"version 1000.2.3",
		"VF.config.loaded",
		"NF-2 ready, NF-3 draining",
		"ddp_enabled=true ddw_mode=fast",
		"rzp_live_mode on",
		"pub-c-config loaded, sub-c-region eu",
		"sec-c-notes",
		"Mid-server-2 restarted",
		"api_live.metrics.requests_total",
		"persona_production_rollout finished",
		"waka_stats_daily",
		"BBFF-42",
		"ramp_id_lookup failed",
		"thog-key-rotation scheduled",
		"csk-setup-guide.md",
		"sqco_enabled=false",
		"bb_pr_open count 4",
		"pina_colada_recipe",
		"endr+1",
		"xaat-settings",
		"shltm_config",
		"samsara_api_client_version 2",
		"persona_production_rollout_2024_q3_feature_flag_enabled",
		"api_live.http_server_requests_seconds_bucket_2xx_total 17",
		"dvc_server_connection_pool_size_v2_enabled=true",
		"Mid-server-rollout-2024-batch-restart-window",
		"shltm_shipment_status_v2_updated_at_field_name",
		"salad_cloud_container_group_v3_status_running",
		"pylf_v1_exporter_batch_size_limit_2048",
		"figp_frame_export_settings_v2_default_scale",
	})
}

// TestWebhookRouteTokenSegmentsMasked: a webhook path made of two random
// segments (Tines' /webhook/<path>/<secret>) has both masked, and what
// follows the token segments (a word of the route) is kept.
func TestWebhookRouteTokenSegmentsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"tines", "POST https://quiet-meadow-2931.tines.com/webhook/zymlopifqy78f5m0nxynj3lvf7f4uzcr/9a1nx8f37m3dwink2l6lchbk40f1fjta returned 200",
			[]string{"zymlopifqy78f5m0nxyn", "9a1nx8f37m3dwink2l6l"}, []string{"POST https://quiet-meadow-2931.tines.com/", " returned 200"}},
		{"three segments", "hook at /webhooks/yvi7zmdn2q8ziw4dij0hghjsll0jn9u5/Zo2qh20xlReGsaL1dvnyzv0Z fired",
			[]string{"yvi7zmdn2q8ziw4dij0h", "Zo2qh20xlReGsaL1dvny"}, []string{"hook at /", " fired"}},
		{"route word after", "GET /api/webhooks/Zo2qh20xlReGsaL1dvnyzv0Z/deliveries 404",
			[]string{"Zo2qh20xlReGsaL1dvny"}, []string{"GET /api/", "/deliveries 404"}},
	})
}
