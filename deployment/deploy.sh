#!/usr/bin/env bash
# Deploys the Workers: each stage Worker in functions/*, then the gateway that binds them.
# Run `terraform -chdir=terraform apply` first and put its constraint_cache_kv_id output into the
# [[kv_namespaces]] of the Workers that use the cache. Pass --dry-run to only bundle each Worker.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false

extra=()
[ "${1:-}" = "--dry-run" ] && extra=(--dry-run --outdir .wrangler/dry-run)

for config in functions/*/wrangler.toml; do
  name=$(basename "$(dirname "$config")")
  [ "$name" = "gateway" ] && continue
  echo "deploying $name ($config)"
  npx wrangler deploy --config "$config" "${extra[@]}"
done
echo "deploying gateway (wrangler.toml)"
npx wrangler deploy --config wrangler.toml "${extra[@]}"
