# Provider v4 organizations (SDKv2): login_design and custom_pages are blocks,
# and nothing stops a second login_design block.
terraform {
  required_providers {
    cloudflare = {
      source = "cloudflare/cloudflare"
    }
  }
}

resource "cloudflare_access_organization" "main" {
  account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
  name             = "Example Org"
  auth_domain      = "example.cloudflareaccess.com"
  is_ui_read_only  = true
  session_duration = "24h"

  login_design {
    background_color = "#000000"
    text_color       = "#ffffff"
    header_text      = "first block"
  }

  login_design {
    text_color  = "#c5ed1b"
    footer_text = "second block"
  }

  custom_pages {
    forbidden = "699d98642c564d2e855e9661899b7252"
  }
}

# The v4 alias, with the zone instead of the account.
resource "cloudflare_zero_trust_access_organization" "zone" {
  zone_id                   = "023e105f4ecef8ad9ca31a8372d0c353"
  auth_domain               = "zone.cloudflareaccess.com"
  auto_redirect_to_identity = "false"

  login_design {
    logo_path = "https://example.com/logo.png"
  }
}
