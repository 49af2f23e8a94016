account_id       = "023e105f4ecef8ad9ca31a8372d0c353"
session_duration = "1 day"
