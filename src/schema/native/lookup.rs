//! Finding a compiled schema's property by name in one probe.

use super::Property;

/// Finds a property's index by name: an open-addressing table of indexes
/// into `properties`, hashed by their [`tag`]s. The multiplier of the hash
/// is chosen when the schema is compiled so that, where the tags allow,
/// every property sits in its home slot: a lookup is then one slot, one
/// integer comparison and, on a likely match, one name comparison.
#[derive(Debug)]
pub(super) struct Lookup {
    multiplier: u32,
    /// The home slot is the top bits of the hash: 32 less log2 of the
    /// number of slots.
    shift: u32,
    /// Every property is in its home slot, so a miss there is final.
    pub(super) perfect: bool,
    /// Indexes into `properties`; free slots hold [`FREE`].
    slots: Vec<u32>,
}

impl Default for Lookup {
    fn default() -> Lookup {
        Lookup {
            multiplier: GOLDEN,
            shift: 32,
            perfect: true,
            slots: vec![FREE],
        }
    }
}

/// What a free slot of [`Lookup::slots`] holds.
const FREE: u32 = u32::MAX;

/// Fibonacci hashing's multiplier: where the search for a perfect one starts.
const GOLDEN: u32 = 0x9E37_79B9;

impl Lookup {
    /// A table for `properties`: the smallest of two to eight times as many
    /// slots as properties (a power of two) where some multiplier gives each
    /// property its own home slot, or, when none does (two names with one
    /// tag), a half-full table probed linearly.
    pub(super) fn new(properties: &[Property<'_>]) -> Lookup {
        let tags: Vec<u32> = properties.iter().map(|p| p.tag).collect();
        let base = (tags.len() * 2).next_power_of_two();
        for len in [base, base * 2, base * 4] {
            let shift = 32 - len.trailing_zeros();
            let mut multiplier = GOLDEN;
            for _ in 0..256 {
                if let Some(slots) = perfect_slots(&tags, multiplier, shift, len) {
                    return Lookup {
                        multiplier,
                        shift,
                        perfect: true,
                        slots,
                    };
                }
                // The next odd multiplier of a simple sequence.
                multiplier = multiplier
                    .wrapping_mul(0x2C1B_3C6D)
                    .wrapping_add(0x2976_09AB)
                    | 1;
            }
        }
        let shift = 32 - base.trailing_zeros();
        let mut slots = vec![FREE; base];
        for (index, tag) in tags.iter().enumerate() {
            let mut slot = home_slot(*tag, GOLDEN, shift);
            while slots.get(slot).is_some_and(|s| *s != FREE) {
                slot = (slot + 1) % base;
            }
            if let (Some(free), Ok(index)) = (slots.get_mut(slot), u32::try_from(index)) {
                *free = index;
            }
        }
        Lookup {
            multiplier: GOLDEN,
            shift,
            perfect: false,
            slots,
        }
    }

    /// The index in `properties` (the ones the table was built for) of the
    /// property called `name`.
    #[inline]
    pub(super) fn find(&self, properties: &[Property<'_>], name: &str) -> Option<usize> {
        let wanted = tag(name);
        let slot = home_slot(wanted, self.multiplier, self.shift);
        // A free slot indexes no property: the name is not one.
        let index = *self.slots.get(slot)? as usize;
        let property = properties.get(index)?;
        if property.tag == wanted && same_text(property.name, name) {
            Some(index)
        } else if self.perfect {
            None
        } else {
            self.probe(properties, name, wanted, slot)
        }
    }

    /// [`Lookup::find`] past the home slot, for tables that are not perfect.
    #[cold]
    fn probe(
        &self,
        properties: &[Property<'_>],
        name: &str,
        wanted: u32,
        home: usize,
    ) -> Option<usize> {
        let mut slot = home;
        // Half the slots are free, so a probe ends well within this.
        for _ in 0..self.slots.len() {
            slot = (slot + 1) % self.slots.len();
            let index = *self.slots.get(slot)? as usize;
            let property = properties.get(index)?;
            if property.tag == wanted && same_text(property.name, name) {
                return Some(index);
            }
        }
        None
    }
}

/// A table of `len` slots with each tag in its home slot under
/// `multiplier`, if no two share one.
fn perfect_slots(tags: &[u32], multiplier: u32, shift: u32, len: usize) -> Option<Vec<u32>> {
    let mut slots = vec![FREE; len];
    for (index, tag) in tags.iter().enumerate() {
        let slot = slots.get_mut(home_slot(*tag, multiplier, shift))?;
        if *slot != FREE {
            return None;
        }
        *slot = u32::try_from(index).ok()?;
    }
    Some(slots)
}

/// Where the search for a property with `tag` starts: the top bits of the
/// tag hashed multiplicatively.
#[inline]
fn home_slot(tag: u32, multiplier: u32, shift: u32) -> usize {
    (u64::from(tag.wrapping_mul(multiplier)) >> shift) as usize
}

/// A property name's length (its low byte) and its first, next-to-last and
/// last bytes, packed. The next-to-last byte tells apart names such as
/// `ssh_key_size` and `ssh_key_type`.
#[inline]
pub(super) fn tag(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let byte = |i: Option<usize>| u32::from(i.and_then(|i| bytes.get(i)).copied().unwrap_or(0));
    let len = bytes.len();
    (byte(len.checked_sub(2)) << 24)
        | ((len as u32 & 0xff) << 16)
        | (byte(Some(0)) << 8)
        | byte(len.checked_sub(1))
}

/// `a == b`, compared eight bytes at a time in line: property names are
/// short, and a call to `memcmp` costs more than comparing them.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes, overlapping the words already compared, cover
    // the remainder.
    word(a, len - 8) == word(b, len - 8)
}

/// The eight bytes of `bytes` from `at` as one integer.
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|w| w.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn long_names_compare_every_byte() {
        let long = "deny_unmatched_requests_exempted_zone_names";
        assert!(same_text(long, long));
        for i in 0..long.len() {
            let mut other = long.as_bytes().to_vec();
            other[i] = b'X';
            assert!(
                !same_text(long, std::str::from_utf8(&other).unwrap()),
                "{i}"
            );
        }
        assert!(!same_text("name", "names"));
        assert!(same_text("", ""));
    }
}
