#!/bin/sh
# `npm test`: everything CI runs, arranged for a 2-core machine. Lint and type checks side by side (one core each);
# then the Vitest suites on SQLite (two workers); then the browser tests beside the PostgreSQL suite and the payment
# tests' re-run under Alipay Global, which mostly wait (on PostgreSQL, the emulator, child servers and leases running
# out) and so fit beside Chromium. Fails if any part fails.
npm run lint & lint=$!
npm run typecheck; types=$?
wait "$lint"; lint_status=$?
[ "$lint_status" -eq 0 ] && [ "$types" -eq 0 ] || exit 1

npx vitest run --project shared --project server --project kiosk || exit 1

npm run test:e2e & e2e=$!
npx vitest run --project server-pg --project server-global; postgres=$?
wait "$e2e"; e2e_status=$?
[ "$postgres" -eq 0 ] && [ "$e2e_status" -eq 0 ]
