resource "cloudflare_zero_trust_organization" "main" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  zone_id    = "699d98642c564d2e855e9661899b7252"
  name       = "Widget Corps"
}
