resource "cloudflare_zero_trust_organization" "main" {
  account_id = "your-account-id"
  name       = "Widget Corps"
}
