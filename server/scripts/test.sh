#!/bin/sh
# `npm test`: everything CI runs, arranged for a 2-core machine. Lint and type checks side by side (one core each);
# then the Vitest suites on SQLite (two workers); then the browser tests beside the PostgreSQL suite, which mostly
# waits (on PostgreSQL, child servers and leases running out) and so fits beside Chromium. (The payment tests' re-run
# under Alipay Global stays in the first run: beside Chromium it slowed the browser tests more than it saved.)
# Fails if any part fails.
npm run lint & lint=$!
npm run typecheck; types=$?
wait "$lint"; lint_status=$?
[ "$lint_status" -eq 0 ] && [ "$types" -eq 0 ] || exit 1

npx vitest run --project shared --project server --project server-global --project kiosk || exit 1

npm run test:e2e & e2e=$!
npx vitest run --project server-pg; postgres=$?
wait "$e2e"; e2e_status=$?
[ "$postgres" -eq 0 ] && [ "$e2e_status" -eq 0 ]
