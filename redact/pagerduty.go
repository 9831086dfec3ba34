package redact

// pagerDutyKey reports whether v has the shape of a PagerDuty integration
// key, as the Events API takes it under routing_key (and Events API v1
// under service_key): 32 ASCII letters and digits, with both. A message
// queue's routing key (orders.created, audit.#, a word) has not.
func pagerDutyKey(v string) bool {
	if len(v) != 32 {
		return false
	}
	digit, letter := false, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digit = true
		case (c|0x20)-'a' < 26:
			letter = true
		default:
			return false
		}
	}
	return digit && letter
}
