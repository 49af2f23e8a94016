# A Zero Trust organization managed with the Cloudflare provider v5.
terraform {
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.0"
    }
  }
}

resource "cloudflare_zero_trust_organization" "main" {
  account_id                         = var.account_id
  name                               = "Widget Corps Internal Applications"
  auth_domain                        = "widgets.cloudflareaccess.com"
  session_duration                   = var.session_duration
  user_seat_expiration_inactive_time = "720h"
  # Terraform sends the bool true: no finding.
  is_ui_read_only            = "true"
  ui_read_only_toggle_reason = "Managed by Terraform"

  # Copied from a provider v4 configuration.
  login_design {
    background_color = "#ffffff"
    text_color       = "#c5ed1b"
    logo_path        = "https://widgets.example.com/logo.png"
  }
}
