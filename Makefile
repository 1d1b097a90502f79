.PHONY: run test build bench
run: ## run the platform on the embedded SQLite database, with demo data
	go run ./cmd/tnl serve --demo

test: ## the whole test-suite (SQLite and PostgreSQL), see scripts/test
	./scripts/test

build:
	go build -o tnl ./cmd/tnl

bench: ## full-scale campaign benchmark, see BENCHMARKS.md (BENCH_ARGS=--quick: under 2 minutes)
	./scripts/bench $(BENCH_ARGS)
