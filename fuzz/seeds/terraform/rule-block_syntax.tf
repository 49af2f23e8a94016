resource "cloudflare_zero_trust_organization" "main" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  login_design {
    text_color = "#000000"
  }
}
