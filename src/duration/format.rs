//! The port of Go's `Duration.String` (src/time/time.go).
//!
//! Like Go, this fills a fixed buffer from the end: the units come out
//! smallest first, and the longest output (`-2562047h47m16.854775808s`,
//! 25 bytes) fits in 32.

use std::fmt;

use super::GoDuration;

const NANOS_PER_MICRO: u64 = 1_000;
const NANOS_PER_MILLI: u64 = 1_000_000;
const NANOS_PER_SECOND: u64 = 1_000_000_000;

/// Formats as Go's `Duration.String()`: `72h3m0.5s`, `1.5µs` (with U+00B5
/// MICRO SIGN), `0s`. Hours are the largest unit, since days vary in
/// length. Width, fill and alignment flags are honoured for the whole
/// string.
///
/// ```
/// use ztlint::duration::GoDuration;
///
/// let show = |nanos| GoDuration::from_nanos(nanos).to_string();
/// assert_eq!(show(0), "0s");
/// assert_eq!(show(1_500), "1.5µs");
/// assert_eq!(show(-2_200_000), "-2.2ms");
/// assert_eq!(show(5_400_000_000_000), "1h30m0s");
/// assert_eq!(show(8 * 60_000_000_000 + 1), "8m0.000000001s");
/// assert_eq!(show(i64::MAX), "2562047h47m16.854775807s");
/// assert_eq!(format!("[{:>6}]", GoDuration::SECOND), "[    1s]");
/// ```
impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Buf::new();
        write_go_string(&mut buf, self.0);
        f.pad(buf.as_str())
    }
}

impl GoDuration {
    /// Appends Go's `String()` text to `out`, skipping the formatting
    /// machinery that `to_string` goes through: messages are built on the
    /// hot path of a lint.
    pub(crate) fn push_go_string(self, out: &mut String) {
        let mut buf = Buf::new();
        write_go_string(&mut buf, self.0);
        out.push_str(buf.as_str());
    }
}

/// Go's `Duration.String` body, writing right to left into `buf`.
fn write_go_string(buf: &mut Buf, nanos: i64) {
    // unsigned_abs is Go's `u = -u` on uint64: i64::MIN becomes 2^63.
    let mut u = nanos.unsigned_abs();
    if u == 0 {
        buf.push_str("0s");
        return;
    }
    if u < NANOS_PER_SECOND {
        // Below a second Go switches to the largest smaller unit that keeps
        // an integer part, with the rest as a fraction: 1.2ms, not 0.0012s.
        let (unit, prec) = if u < NANOS_PER_MICRO {
            ("ns", 0)
        } else if u < NANOS_PER_MILLI {
            ("\u{b5}s", 3)
        } else {
            ("ms", 6)
        };
        buf.push_str(unit);
        u = write_frac(buf, u, prec);
        write_int(buf, u);
    } else {
        buf.push_str("s");
        let secs = write_frac(buf, u, 9);
        write_int(buf, secs % 60);
        let minutes = secs / 60;
        if minutes > 0 {
            buf.push_str("m");
            write_int(buf, minutes % 60);
            let hours = minutes / 60;
            if hours > 0 {
                buf.push_str("h");
                write_int(buf, hours);
            }
        }
    }
    if nanos < 0 {
        buf.push_str("-");
    }
}

/// Go's `fmtFrac`: writes the low `prec` decimal digits of `v` as a
/// fraction (`.125`), dropping trailing zeros and, if all are zero, the
/// point too. Returns `v / 10^prec`, the integer part left to write.
fn write_frac(buf: &mut Buf, mut v: u64, prec: u32) -> u64 {
    let mut print = false;
    for _ in 0..prec {
        let digit = (v % 10) as u8;
        print = print || digit != 0;
        if print {
            buf.push_byte(b'0' + digit);
        }
        v /= 10;
    }
    if print {
        buf.push_byte(b'.');
    }
    v
}

/// Go's `fmtInt`: writes `v` in decimal, `0` included.
fn write_int(buf: &mut Buf, mut v: u64) {
    loop {
        buf.push_byte(b'0' + (v % 10) as u8);
        v /= 10;
        if v == 0 {
            break;
        }
    }
}

/// A 32-byte buffer filled from the end, like Go's `var buf [32]byte` with
/// its write index `w`.
struct Buf {
    bytes: [u8; 32],
    start: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf {
            bytes: [0; 32],
            start: 32,
        }
    }

    /// Prepends one ASCII byte.
    fn push_byte(&mut self, b: u8) {
        self.start -= 1;
        self.bytes[self.start] = b;
    }

    /// Prepends a whole string, so `push_str("µs")` keeps its byte order.
    fn push_str(&mut self, s: &str) {
        let end = self.start;
        self.start -= s.len();
        self.bytes[self.start..end].copy_from_slice(s.as_bytes());
    }

    fn as_str(&self) -> &str {
        // Only whole ASCII bytes and whole &strs were prepended, so the
        // written tail is always UTF-8; the fallback is unreachable.
        std::str::from_utf8(&self.bytes[self.start..]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(nanos: i64) -> String {
        GoDuration::from_nanos(nanos).to_string()
    }

    /// Go's `durationTests` table, each also negated as Go's test does.
    #[test]
    fn go_duration_tests() {
        let table: &[(&str, i64)] = &[
            ("0s", 0),
            ("1ns", 1),
            ("1.1µs", 1_100),
            ("2.2ms", 2_200_000),
            ("3.3s", 3_300_000_000),
            ("4m5s", 245_000_000_000),
            ("4m5.001s", 245_001_000_000),
            ("5h6m7.001s", 18_367_001_000_000),
            ("8m0.000000001s", 480_000_000_001),
            ("2562047h47m16.854775807s", i64::MAX),
            ("-2562047h47m16.854775808s", i64::MIN),
        ];
        for &(want, nanos) in table {
            assert_eq!(show(nanos), want);
            if nanos > 0 {
                assert_eq!(show(-nanos), format!("-{want}"));
            }
        }
    }

    #[test]
    fn unit_switch_points() {
        assert_eq!(show(999), "999ns");
        assert_eq!(show(1_000), "1µs");
        assert_eq!(show(999_999), "999.999µs");
        assert_eq!(show(1_000_000), "1ms");
        assert_eq!(show(999_999_999), "999.999999ms");
        assert_eq!(show(1_000_000_000), "1s");
        assert_eq!(show(59_999_999_999), "59.999999999s");
        assert_eq!(show(60_000_000_000), "1m0s");
        assert_eq!(show(3_599_000_000_000), "59m59s");
        assert_eq!(show(3_600_000_000_000), "1h0m0s");
        assert_eq!(show(3_600_000_000_001), "1h0m0.000000001s");
        assert_eq!(show(-1), "-1ns");
    }

    #[test]
    fn micro_sign_is_u00b5() {
        assert_eq!(show(1_500).as_bytes(), b"1.5\xc2\xb5s");
    }
}
