output "constraint_cache_kv_id" {
  description = "Id for [[kv_namespaces]] binding = \"CONSTRAINT_CACHE\" in functions/compile and functions/generate."
  value       = cloudflare_workers_kv_namespace.constraint_cache.id
}

output "upstash_redis_rest_url" {
  description = "UPSTASH_REDIS_REST_URL secret, when use_upstash."
  value       = var.use_upstash ? "https://${upstash_redis_database.constraint_cache[0].endpoint}" : ""
}

output "upstash_redis_rest_token" {
  description = "UPSTASH_REDIS_REST_TOKEN secret, when use_upstash."
  value       = var.use_upstash ? upstash_redis_database.constraint_cache[0].rest_token : ""
  sensitive   = true
}
