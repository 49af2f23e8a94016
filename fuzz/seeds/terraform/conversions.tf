# Values of the wrong type that Terraform converts to the attribute's type
# before the provider sees them: plan.json shows the converted values
# (resource_changes[].change.after) next to the literals as written
# (configuration.root_module.resources[].expressions).
terraform {
  required_providers {
    cloudflare = {
      source = "cloudflare/cloudflare"
    }
  }
}

# string -> bool: exactly "true", "false", "1", "0".
resource "cloudflare_zero_trust_organization" "bool_from_string" {
  is_ui_read_only             = "false"
  deny_unmatched_requests     = "1"
  allow_authenticate_via_warp = "0"
  mfa_required_for_all_apps   = "true"
  mfa_piv_key_requirements = {
    require_fips_device = "false"
  }
}

# number -> string: the shortest decimal form, never an exponent.
resource "cloudflare_zero_trust_organization" "string_from_number" {
  name                               = 42
  session_duration                   = 90
  auth_domain                        = 1.50
  warp_auth_session_duration         = 1e3
  user_seat_expiration_inactive_time = -5
  ui_read_only_toggle_reason         = 0.1
  account_id                         = 1e-7
  zone_id                            = 12345678901234567890123
  login_design = {
    text_color       = 007
    background_color = 1e21
    footer_text      = 2.50e1
    header_text      = -1.0e-3
    logo_path        = -0.0
  }
}

# bool -> string.
resource "cloudflare_zero_trust_organization" "string_from_bool" {
  name        = true
  auth_domain = false
}

# list(string) elements: each converted on its own.
resource "cloudflare_zero_trust_organization" "list_of_string_elements" {
  deny_unmatched_requests_exempted_zone_names = ["a.com", 1, true, 1.50, 1e3]
  mfa_config = {
    allowed_authenticators = ["totp", 7]
    required_aaguids       = false
  }
}

# string -> number, in list(number): decimal floats, with sign, exponent,
# leading zeros; no spaces, hex or underscores (see conversion-errors).
resource "cloudflare_zero_trust_organization" "number_from_string" {
  mfa_piv_key_requirements = {
    ssh_key_size = ["256", 384, "3e2", "1E3", "+5", "1.50", ".5", "5.", "-0", "00384", "0.1", "1e21"]
    ssh_key_type = [1]
    pin_policy   = 3
  }
}

# An attribute a nested object does not declare is dropped without a word.
resource "cloudflare_zero_trust_organization" "nested_unknown_key" {
  login_design = {
    text_colour = "#c5ed1b"
    text_color  = "#ffffff"
  }
}

# Expressions are evaluated first, with cty's big-float arithmetic.
resource "cloudflare_zero_trust_organization" "string_from_arithmetic" {
  name        = 1 / 3
  auth_domain = 0.1 + 0.2
}
