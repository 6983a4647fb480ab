# Plenum's two commands: `make run` and `make test`. Both install what is
# missing first (see .ci/setup) and can be run again at any time.

SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLENUM_SITE_ROOT ?= target/site

.PHONY: run test setup build unit e2e fmt lint

## Install what is missing, build, migrate and serve on http://127.0.0.1:3000
run: setup build
	./target/release/plenum serve

## Run every test: unit, integration (SQLite; PostgreSQL too with TEST_POSTGRES_URL), browser
test: setup unit build e2e

setup:
	@bash .ci/setup

build:
	cargo leptos build --release

unit:
	cargo test --workspace --exclude frontend --features app/ssr

e2e:
	cd end2end && npx playwright test

fmt:
	cargo fmt --all

lint:
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --workspace --exclude frontend --features app/ssr --all-targets -- -D warnings
