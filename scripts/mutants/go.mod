module github.com/slogguard/slogguard/scripts/mutants

go 1.24
