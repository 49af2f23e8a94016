variable "session" {
  default = "1 day"
}
locals {
  design = { text_color = "white", background_color = local.bg }
  bg     = "#ffffff"
  a      = local.b
  b      = local.a
}
resource "cloudflare_zero_trust_organization" "main" {
  account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
  session_duration = "${var.session}"
  login_design     = local.design
  # ztlint-ignore: duration
  warp_auth_session_duration = local.a
  name = <<-EOT
    Widget ${"Corps"}
    EOT
  mfa_ssh_piv_key_requirements = {
    "pin_policy" = "sometimes"
    ssh_key_size = ["256", 1.5]
  }
  created_at = "2024" # from a GET
}
