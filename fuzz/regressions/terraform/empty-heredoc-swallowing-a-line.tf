riab {
 }
resource "cloudflare_zero_trust_organization" "n" {
am= <<-EOT
  EOT
  created_at="" #kgr%{}
e = <<-EOT
EOT
   EOT
}
