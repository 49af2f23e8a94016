resource "cloudflare_zero_trust_organization" "main" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  # café
  name = "Café ${var.x}"
  auth_domain = <<-EOT
    café
  EOT
}
