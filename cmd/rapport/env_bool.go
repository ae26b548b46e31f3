package main

import "strconv"

// boolean reads NAME as 1/0, true/false, on/off (empty: unchanged).
func (e *envReader) boolean(dst *bool, name string) {
	switch v := e.getenv(name); v {
	case "":
	case "on", "yes":
		*dst = true
	case "off", "no":
		*dst = false
	default:
		b, err := strconv.ParseBool(v)
		if err != nil {
			e.fail(name, "want 1 or 0, true or false, on or off; got %q", v)
			return
		}
		*dst = b
	}
}
