
resource"cloudflare_zero_trust_organization""in" {
session_duration=_
sesionaon={a="m"}
}
