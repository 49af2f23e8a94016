# 
resource "cloudflare_zero_trust_organization""" {
login_design  =in
login_design{}
}
