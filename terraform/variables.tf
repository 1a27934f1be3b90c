variable "cloudflare_account_id" {
  description = "Cloudflare account that owns the Workers and the KV namespace."
  type        = string
}

variable "cloudflare_zone_id" {
  description = "Zone that serves the public route of the gateway."
  type        = string
}

variable "route_pattern" {
  description = "Public route of the gateway Worker, e.g. \"ananke.example.com/*\"."
  type        = string
}

variable "environment" {
  description = "Suffix of every resource name, so staging and production do not collide."
  type        = string
  default     = "production"
}

variable "use_upstash" {
  description = "Create an Upstash Redis database as the shared cache instead of (or behind) Workers KV."
  type        = bool
  default     = false
}

variable "upstash_email" {
  description = "Upstash account email (only when use_upstash)."
  type        = string
  default     = ""
}

variable "upstash_api_key" {
  description = "Upstash management API key (only when use_upstash)."
  type        = string
  default     = ""
  sensitive   = true
}

variable "upstash_region" {
  description = "Primary region of the Upstash database."
  type        = string
  default     = "us-east-1"
}
