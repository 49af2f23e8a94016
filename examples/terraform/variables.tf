variable "account_id" {
  type = string
}

variable "session_duration" {
  type    = string
  default = "24h"
}
