# What Terraform owns: the shared constraint cache (KV, optionally Upstash Redis) and the public
# route. The Workers themselves are built and uploaded by wrangler (deployment/deploy.sh), which
# reads the outputs below.

resource "cloudflare_workers_kv_namespace" "constraint_cache" {
  account_id = var.cloudflare_account_id
  title      = "ananke-constraint-cache-${var.environment}"
}

resource "upstash_redis_database" "constraint_cache" {
  count          = var.use_upstash ? 1 : 0
  database_name  = "ananke-constraint-cache-${var.environment}"
  region         = "global"
  primary_region = var.upstash_region
  tls            = true
  eviction       = true
}

resource "cloudflare_workers_route" "gateway" {
  zone_id = var.cloudflare_zone_id
  pattern = var.route_pattern
  script  = "ananke-gateway"
}
