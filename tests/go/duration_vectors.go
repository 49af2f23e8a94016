// Command duration_vectors writes the reference vectors that
// tests/duration_go.rs checks ztlint::duration against: what Go's own
// time.ParseDuration and Duration.String return for thousands of inputs.
//
// Regenerate from the repository root (stdlib only, no go.mod needed):
//
//	go run tests/go/duration_vectors.go > tests/data/duration_vectors.json
//
// or give the output path as the only argument:
//
//	go run tests/go/duration_vectors.go tests/data/duration_vectors.json
//
// The output is deterministic for a given Go release: generated cases come
// from a fixed-seed math/rand source, and every list keeps insertion order.
// It is one JSON object,
//
//	{"go_version": "go1.x.y",
//	 "parse":  [{"input": "...", "ok": true, "nanos": N, "string": "..."},
//	            {"input": "...", "ok": false, "error": "time: ..."}, ...],
//	 "format": [{"nanos": N, "string": "..."}, ...]}
//
// written one vector per line so that a regeneration diffs readably.
// Inputs that are not valid UTF-8 are skipped: the Rust side takes &str.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"
)

// parseVector is one ParseDuration case. Exactly one of the ok / error
// shapes is filled in, so the optional fields are omitted when empty.
type parseVector struct {
	Input  string `json:"input"`
	OK     bool   `json:"ok"`
	Nanos  *int64 `json:"nanos,omitempty"`
	String string `json:"string,omitempty"`
	Error  string `json:"error,omitempty"`
}

// formatVector is one Duration.String case.
type formatVector struct {
	Nanos  int64  `json:"nanos"`
	String string `json:"string"`
}

// inputSet collects unique, valid UTF-8 inputs in insertion order.
type inputSet struct {
	seen  map[string]bool
	order []string
}

func (s *inputSet) add(in ...string) {
	for _, x := range in {
		if !utf8.ValidString(x) || s.seen[x] {
			continue
		}
		s.seen[x] = true
		s.order = append(s.order, x)
	}
}

// nanosSet collects unique int64 values in insertion order.
type nanosSet struct {
	seen  map[int64]bool
	order []int64
}

func (s *nanosSet) add(in ...int64) {
	for _, x := range in {
		if s.seen[x] {
			continue
		}
		s.seen[x] = true
		s.order = append(s.order, x)
	}
}

// Units Go accepts, with every spelling of micro, and their sizes.
var validUnits = []struct {
	name string
	size uint64
}{
	{"ns", 1},
	{"us", 1e3},
	{"µs", 1e3}, // U+00B5 MICRO SIGN
	{"μs", 1e3}, // U+03BC GREEK SMALL LETTER MU
	{"ms", 1e6},
	{"s", 1e9},
	{"m", 60e9},
	{"h", 3600e9},
}

// Unit spellings Go rejects but people write: case variants, day/week/year,
// words, stray spaces, a lone micro sign, the Greek capital MU, mojibake.
var invalidUnits = []string{
	"", "d", "w", "y", "S", "H", "M", "NS", "US", "MS", "Ms", "mS", "nS", "uS",
	"µ", "μ", "u", "Μs", "µS", "Âµs", "sec", "secs", "min", "mins", "hr", "hrs",
	"hour", "day", "days", " s", "s ", "mo", "ss", "mm", "hh", "nsec", "e",
}

// Numbers to pair with every unit: plain, leading zeros, fractions with and
// without digits on either side of the point, and long fractions.
var numbers = []string{
	"0", "1", "5", "01", "007", "10", "60", "100", "999", "1000", "3600",
	"0.5", "1.5", ".5", "5.", "0.", ".0", "0.0", "1.0", "1.00", "0.001",
	"0.000000001", "0.0000000001", "1.999999999", "1.9999999999",
	"12.345678912345", "00000000000000000000000001",
	"0000000000000000000000000000.5", "1.23456789012345678901234567890123",
	"0.3333333333333333333", "2.7", "0.1", "0.7", "123456789",
}

var signs = []string{"", "-", "+"}

// goTableInputs are the inputs of parseDurationTests and
// parseDurationErrorTests in Go's src/time/time_test.go.
var goTableInputs = []string{
	"0", "5s", "30s", "1478s", "-5s", "+5s", "-0", "+0", "5.0s", "5.6s",
	"5.s", ".5s", "1.0s", "1.00s", "1.004s", "1.0040s", "100.00100s", "10ns",
	"11us", "12µs", "12μs", "13ms", "14s", "15m", "16h", "3h30m", "10.5s4m",
	"-2m3.4s", "1h2m3s4ms5us6ns", "39h9m14.425s", "52763797000ns",
	"0.3333333333333333333h", "9007199254740993ns", "9223372036854775807ns",
	"9223372036854775.807us", "9223372036s854ms775us807ns",
	"-9223372036854775808ns", "-9223372036854775.808us",
	"-9223372036s854ms775us808ns", "-2562047h47m16.854775808s",
	"0.100000000000000000000h", "0.830103483285477580700h",
	// parseDurationErrorTests; the invalid UTF-8 ones are skipped by add.
	"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\x85\x85", "\xffff",
	"hello \xffff world", "\uFFFD", "\uFFFD hello \uFFFD world",
	"9223372036854775810ns", "9223372036854775808ns", "-9223372036854775809ns",
	"9223372036854776us", "3000000h", "9223372036854775.808us",
	"9223372036854ms775us808ns",
}

// goStringTable is durationTests in Go's src/time/time_test.go.
var goStringTable = []int64{
	0, 1, 1100, 2200e3, 3300e6, 4*60e9 + 5e9, 4*60e9 + 5001e6,
	5*3600e9 + 6*60e9 + 7001e6, 8*60e9 + 1, math.MaxInt64, math.MinInt64,
}

// specials are hand-picked shapes: lone signs and points, whitespace,
// control and quoting characters (which exercise Go's quote), other number
// syntaxes, non-ASCII digits and letters, U+FFFD, and odd composites.
var specials = []string{
	"", ".", "..", "1.", ".5s", "1.s", "+", "-", "+-1s", "-+1s", "--1s", "++1s",
	"0", "-0", "+0", "00", "-00", "0.0", "0s", "-0s", ".0s", "0.s", "-.s", "+.s",
	"1..s", "1.2.3s", "1s.", "1s.5", ".5s.5s", "1s1", "1h-1m", "1h+1m",
	"1s 2s", " 1s", "1s ", "1 s", "1\ts", "1\ns", "1s\n", "\n", "\t", "\x00",
	"1\x00s", "1s\x00", "1\x1fs", "1\x7fs", "1s\x1b[0m", `1"s`, `1\s`, `"1s"`,
	`\`, `"`, "'1s'", "1e3s", "1E3s", "1e-3s", "1_000s", "0x1Fs", "0b1s",
	"1,5s", "1,000s", "Infs", "NaNs", "inf", "-inf", "1µ", "1μ", "1u",
	"1µm", "1mµs", "1ms1", "١s", "１s", "1秒", "1🙂", "🙂", "\uFFFD",
	"1\uFFFDs", "1s\uFFFD", "1\u00a0s", "1\u200bs", "1\u2028s", "é", "1é",
	"1e\u0301s", "1ｓ", "1\u039cs", "1Âµs", "1\u00b5\u00b5s", "1h\u00b5s",
	"0h0m0s", "0.0h0.0m0.0s", "-0h", "+0.000000000000000000000000000001h",
	"1h1h1h", "3h30m3h30m", "1ns1ns1ns1ns1ns", "999999999ns1s",
	strings.Repeat("1s", 200), strings.Repeat("0", 500) + "1s",
	"0." + strings.Repeat("9", 500) + "h", strings.Repeat("9", 40) + "ns",
	"1" + strings.Repeat(".", 3) + "s", strings.Repeat("-", 3) + "1s",
	// Leading fraction zeros count as digits: past ~309 of them Go's
	// float64 scale is +Inf and the fraction adds nothing.
	"1." + strings.Repeat("0", 300) + "1h", "1." + strings.Repeat("0", 310) + "1h",
	"0." + strings.Repeat("0", 400) + "9ns", "0." + strings.Repeat("0", 22) + "1h",
}

// bound is 1<<63, the largest magnitude Go's uint64 accumulator accepts
// (only with a leading '-').
var bound = new(big.Int).Lsh(big.NewInt(1), 63)

// decimal writes num/den with exactly digits fraction digits, truncated
// (up=false) or rounded up (up=true).
func decimal(num *big.Int, den uint64, digits int, up bool) string {
	d := new(big.Int).SetUint64(den)
	intPart, rem := new(big.Int).QuoRem(num, d, new(big.Int))
	if digits == 0 {
		return intPart.String()
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)
	frac, fracRem := new(big.Int).QuoRem(new(big.Int).Mul(rem, scale), d, new(big.Int))
	if up && fracRem.Sign() != 0 {
		frac.Add(frac, big.NewInt(1))
		if frac.Cmp(scale) == 0 {
			frac.SetInt64(0)
			intPart.Add(intPart, big.NewInt(1))
		}
	}
	return fmt.Sprintf("%s.%0*s", intPart, digits, frac)
}

// boundaryInputs spells magnitudes around 1<<63 in each unit, as integers
// and as fractions of 0..30 digits, both truncated and rounded up, and as
// h/m/s/ns composites. These probe every overflow check in ParseDuration
// and the float64 fraction arithmetic at its largest.
func boundaryInputs(s *inputSet) {
	for delta := int64(-3); delta <= 3; delta++ {
		target := new(big.Int).Add(bound, big.NewInt(delta))
		for _, u := range validUnits {
			for _, digits := range []int{0, 1, 3, 6, 9, 12, 15, 18, 19, 20, 25, 30} {
				for _, up := range []bool{false, true} {
					n := decimal(target, u.size, digits, up)
					for _, sign := range signs {
						s.add(sign + n + u.name)
					}
				}
			}
		}
		// The same magnitude split across components the way String and
		// people write it.
		t := new(big.Int).Set(target)
		ns := new(big.Int).Mod(t, big.NewInt(1e9)).Int64()
		secs := new(big.Int).Div(t, big.NewInt(1e9)).Int64()
		h, m, sec := secs/3600, secs/60%60, secs%60
		for _, sign := range signs {
			s.add(
				fmt.Sprintf("%s%dh%dm%d.%09ds", sign, h, m, sec, ns),
				fmt.Sprintf("%s%dh%dm%ds%dns", sign, h, m, sec, ns),
				fmt.Sprintf("%s%ds%dms%dus%dns", sign, secs, ns/1e6, ns/1e3%1e3, ns%1e3),
				fmt.Sprintf("%s%dm%d.%09ds", sign, secs/60, sec, ns),
				fmt.Sprintf("%s%dns%dh", sign, ns, h),
			)
		}
	}
	// Integer parts around the per-unit multiplication limit 1<<63/unit.
	for _, u := range validUnits {
		q := new(big.Int).Div(bound, new(big.Int).SetUint64(u.size))
		for delta := int64(-2); delta <= 2; delta++ {
			n := new(big.Int).Add(q, big.NewInt(delta)).String()
			for _, sign := range signs {
				s.add(sign+n+u.name, sign+n+".5"+u.name, sign+n+".0"+u.name)
			}
		}
	}
	// leadingInt's own limits, independent of the unit.
	for _, n := range []string{
		"922337203685477580", "922337203685477581", "9223372036854775807",
		"9223372036854775808", "9223372036854775809", "9223372036854775810",
		"9999999999999999999", "18446744073709551615", "18446744073709551616",
		"92233720368547758070", "0009223372036854775808",
	} {
		for _, sign := range signs {
			s.add(sign+n+"ns", sign+n+"h", sign+n+"x", sign+n, sign+n+".5ns")
		}
	}
	// Go sums components in a uint64 that is checked only against 1<<63,
	// so two components of exactly 1<<63 wrap the sum to zero.
	max := "9223372036854775808ns"
	for _, sign := range signs {
		s.add(
			sign+max+max, sign+max+max+"1s", sign+max+max+max, sign+max+"0s",
			sign+max+"1ns", sign+"9223372036854775.808us"+max,
			sign+"9223372036.854775808s9223372036.854775808s",
			sign+strings.Repeat("4611686018427387904ns", 2),
			sign+strings.Repeat("4611686018427387904ns", 4),
			sign+"2562047h2562047h", sign+"2562047h47m16.854775808s"+max,
		)
	}
}

// fractionInputs stresses leadingFraction: digit runs of 1..35 in several
// patterns (so the 19-digit overflow cut-off lands on every kind of digit)
// for every unit and a few integer parts.
func fractionInputs(s *inputSet) {
	patterns := []func(n int) string{
		func(n int) string { return strings.Repeat("9", n) },
		func(n int) string { return strings.Repeat("3", n) },
		func(n int) string { return strings.Repeat("6", n) },
		func(n int) string { return strings.Repeat("5", n) },
		func(n int) string { return "1" + strings.Repeat("0", n-1) },
		func(n int) string { return strings.Repeat("0", n-1) + "1" },
		func(n int) string { return "92233720368547758079999999999999999"[:n] },
		func(n int) string { return "12345678901234567890123456789012345"[:n] },
	}
	for _, p := range patterns {
		for n := 1; n <= 35; n++ {
			frac := p(n)
			for _, u := range []string{"ns", "us", "ms", "s", "m", "h"} {
				for _, intPart := range []string{"", "0", "1"} {
					s.add(intPart + "." + frac + u)
				}
			}
			s.add("-2562047." + frac + "h")
		}
	}
	// Hours-sized fractions: the largest float64 products Go computes.
	for _, f := range []string{
		"9223372036854775807", "9223372036854775808", "9223372036854775809",
		"922337203685477580", "922337203685477581", "99999999999999999999",
		"0000000000000000001", "00000000000000000001", "5000000000000000000",
	} {
		s.add("0."+f+"h", "1."+f+"h", "-0."+f+"h", "2562047."+f+"h")
	}
}

// gridInputs crosses every sign, number and unit spelling, valid or not.
func gridInputs(s *inputSet) {
	units := []string{}
	for _, u := range validUnits {
		units = append(units, u.name)
	}
	units = append(units, invalidUnits...)
	for _, sign := range signs {
		for _, n := range numbers {
			for _, u := range units {
				s.add(sign + n + u)
			}
		}
	}
}

// randomValidInputs builds plausible durations: 1..5 components with random
// units, integer parts of 0..8 digits and fractions of 0..25 digits.
func randomValidInputs(s *inputSet, r *rand.Rand, count int) {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.Intn(10))
		}
		return string(b)
	}
	for i := 0; i < count; i++ {
		var b strings.Builder
		b.WriteString(signs[r.Intn(len(signs))])
		for c := 1 + r.Intn(5); c > 0; c-- {
			intLen := r.Intn(9)
			fracLen := 0
			if r.Intn(2) == 0 {
				fracLen = r.Intn(26)
			}
			if intLen == 0 && fracLen == 0 {
				intLen = 1
			}
			b.WriteString(digits(intLen))
			if fracLen > 0 || r.Intn(8) == 0 {
				b.WriteByte('.')
				b.WriteString(digits(fracLen))
			}
			b.WriteString(validUnits[r.Intn(len(validUnits))].name)
		}
		s.add(b.String())
	}
}

// randomGarbageInputs strings together tokens that appear in durations and
// a few that do not, so every error path and error ordering gets hit.
func randomGarbageInputs(s *inputSet, r *rand.Rand, count int) {
	tokens := []string{
		"0", "1", "5", "9", "00", "12", ".", ".", "+", "-", "ns", "us", "µs",
		"μs", "ms", "s", "m", "h", "d", "S", "µ", "u", "n", " ", "\t", "\"",
		"\\", "é", "🙂", "\uFFFD", "\x00", "e", "x", "9223372036854775808",
	}
	for i := 0; i < count; i++ {
		var b strings.Builder
		for n := 1 + r.Intn(8); n > 0; n-- {
			b.WriteString(tokens[r.Intn(len(tokens))])
		}
		s.add(b.String())
	}
}

// formatValues are the Duration.String cases: Go's own table, every unit
// boundary String switches on, powers of ten, the int64 extremes and random
// values spread over all magnitudes.
func formatValues(r *rand.Rand, count int) []int64 {
	v := &nanosSet{seen: map[int64]bool{}}
	v.add(goStringTable...)
	edges := []int64{
		1, 2, 9, 10, 999, 1000, 1001, 1100, 999999, 1e6, 1e6 + 1, 999999999,
		1e9, 1e9 + 1, 59e9, 59999999999, 60e9, 60e9 + 1, 61e9, 3599e9,
		3599999999999, 3600e9, 3600e9 + 1, 3601e9, 3660e9, 86400e9,
		math.MaxInt64 - 1, math.MaxInt64,
	}
	for _, e := range edges {
		v.add(e, -e)
	}
	v.add(math.MinInt64, math.MinInt64+1)
	for p, k := int64(1), 0; k <= 18; p, k = p*10, k+1 {
		v.add(p, -p, p-1, -(p - 1), p+1, 3*p, 15*p)
	}
	for i := 0; i < count; i++ {
		x := r.Int63() >> uint(r.Intn(63))
		if r.Intn(2) == 0 {
			x = -x
		}
		v.add(x)
	}
	return v.order
}

func main() {
	out := io.Writer(os.Stdout)
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "usage: go run tests/go/duration_vectors.go [OUTPUT.json]")
		os.Exit(2)
	}
	if len(os.Args) == 2 {
		f, err := os.Create(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		out = f
	}
	if err := write(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(out io.Writer) error {
	r := rand.New(rand.NewSource(20240611))
	formats := formatValues(r, 1500)

	inputs := &inputSet{seen: map[string]bool{}}
	inputs.add(goTableInputs...)
	inputs.add(specials...)
	boundaryInputs(inputs)
	fractionInputs(inputs)
	gridInputs(inputs)
	// What String prints must parse back; let Go say so for each value.
	for _, n := range formats {
		inputs.add(time.Duration(n).String())
	}
	randomValidInputs(inputs, r, 3000)
	randomGarbageInputs(inputs, r, 2000)

	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "{\"go_version\": %s,\n\"parse\": [\n", mustJSON(runtime.Version()))
	for i, in := range inputs.order {
		v := parseVector{Input: in}
		if d, err := time.ParseDuration(in); err != nil {
			v.Error = err.Error()
		} else {
			n := int64(d)
			v.OK, v.Nanos, v.String = true, &n, d.String()
		}
		writeItem(w, v, i == len(inputs.order)-1)
	}
	fmt.Fprint(w, "],\n\"format\": [\n")
	for i, n := range formats {
		writeItem(w, formatVector{n, time.Duration(n).String()}, i == len(formats)-1)
	}
	fmt.Fprint(w, "]}\n")
	return w.Flush()
}

func writeItem(w io.Writer, v interface{}, last bool) {
	sep := ",\n"
	if last {
		sep = "\n"
	}
	fmt.Fprint(w, mustJSON(v), sep)
}

// mustJSON encodes without HTML escaping so that '<', '>' and '&' stay
// readable in the vector file.
func mustJSON(v interface{}) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
