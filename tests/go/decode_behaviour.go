// Command decode_behaviour records what Go's encoding/json does with the
// bodies that ztlint's structure rules judge, decoding each into a struct
// shaped like the organization body. Cloudflare's servers are written in
// Go: where the decoder refuses a body, the server cannot read it, and
// ztlint's finding is an error; where it takes it, the finding is at most
// a warning.
//
// Regenerate the committed results with
//
//	go run tests/go/decode_behaviour.go > tests/data/go_decode.json
package main

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"unicode/utf16"
)

type loginDesign struct {
	BackgroundColor *string `json:"background_color,omitempty"`
	TextColor       *string `json:"text_color,omitempty"`
}

type inactivity struct {
	Action  *string `json:"action,omitempty"`
	Enabled *bool   `json:"enabled,omitempty"`
	Days    *int64  `json:"inactivity_threshold_days,omitempty"`
}

type pivKey struct {
	SSHKeySize []int64 `json:"ssh_key_size,omitempty"`
}

type organization struct {
	Name            *string      `json:"name,omitempty"`
	IsUIReadOnly    *bool        `json:"is_ui_read_only,omitempty"`
	LoginDesign     *loginDesign `json:"login_design,omitempty"`
	Inactivity      *inactivity  `json:"service_token_inactivity,omitempty"`
	PIVKey          *pivKey      `json:"mfa_piv_key_requirements,omitempty"`
	SessionDuration *string      `json:"session_duration,omitempty"`
}

type result struct {
	Case     string `json:"case"`
	Body     string `json:"body_hex"`
	Accepted bool   `json:"accepted"`
	Error    string `json:"error"`
	Name     string `json:"name_after,omitempty"`
}

func main() {
	cases := []struct{ name, body string }{
		{"byte-order-mark", "\ufeff{\"name\": \"a\"}"},
		{"invalid-utf8", "{\"name\": \"Caf\xe9\"}"},
		{"duplicate-key", `{"name": "a", "name": "b"}`},
		{"unknown-field", `{"nmae": "a"}`},
		{"unknown-field-case", `{"Name": "a"}`},
		{"response-envelope", `{"success": true, "errors": [], "messages": [], "result": {"name": "a"}}`},
		{"string-for-bool", `{"is_ui_read_only": "false"}`},
		{"number-for-string", `{"session_duration": 24}`},
		{"float-for-integer", `{"service_token_inactivity": {"inactivity_threshold_days": 30.0}}`},
		{"exponent-for-integer", `{"service_token_inactivity": {"inactivity_threshold_days": 3e1}}`},
		{"strings-for-integers", `{"mfa_piv_key_requirements": {"ssh_key_size": ["256"]}}`},
		{"array-root", `[{"name": "a"}]`},
		{"null-field", `{"name": null}`},
		{"trailing-comma", `{"name": "a",}`},
		{"utf16le-bom", toUTF16("\ufeff{\"name\": \"a\"}", true)},
		{"utf16le", toUTF16("{\"name\": \"a\"}", true)},
		{"utf16be", toUTF16("{\"name\": \"a\"}", false)},
		{"utf32le-bom", toUTF32("\ufeff{\"name\": \"a\"}", true)},
	}
	out := []result{}
	for _, c := range cases {
		var org organization
		err := json.Unmarshal([]byte(c.body), &org)
		r := result{Case: c.name, Body: hex.EncodeToString([]byte(c.body)), Accepted: err == nil}
		if err != nil {
			r.Error = err.Error()
		}
		if org.Name != nil {
			r.Name = *org.Name
		}
		out = append(out, r)
	}
	doc := map[string]interface{}{"go": runtime.Version(), "results": out}
	text, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(text))
}

// toUTF16 is text in UTF-16, as Windows PowerShell 5.1 writes it.
func toUTF16(text string, little bool) string {
	var order binary.ByteOrder = binary.BigEndian
	if little {
		order = binary.LittleEndian
	}
	out := []byte{}
	for _, unit := range utf16.Encode([]rune(text)) {
		b := make([]byte, 2)
		order.PutUint16(b, unit)
		out = append(out, b...)
	}
	return string(out)
}

// toUTF32 is text in UTF-32.
func toUTF32(text string, little bool) string {
	var order binary.ByteOrder = binary.BigEndian
	if little {
		order = binary.LittleEndian
	}
	out := []byte{}
	for _, r := range text {
		b := make([]byte, 4)
		order.PutUint32(b, uint32(r))
		out = append(out, b...)
	}
	return string(out)
}
