module github.com/slogguard/slogguard/bench

go 1.24.0

require (
	github.com/rs/zerolog v1.35.1
	github.com/samber/slog-multi v1.7.1
	github.com/slogguard/slogguard v0.0.0
	go.uber.org/zap v1.28.0
)

require (
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/samber/lo v1.52.0 // indirect
	github.com/samber/slog-common v0.20.0 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sys v0.29.0 // indirect
	golang.org/x/text v0.22.0 // indirect
)

replace github.com/slogguard/slogguard => ../
