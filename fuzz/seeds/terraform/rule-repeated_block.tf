resource "cloudflare_access_organization" "main" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  auth_domain = "widgets.cloudflareaccess.com"
  login_design {
    text_color = "#000000"
  }
  login_design {
    background_color = "#ffffff"
  }
}
