//! The keys of the handed objects that come more than once.

use std::collections::hash_map::{HashMap, RandomState};
use std::hash::BuildHasher;

use crate::diagnostic::{Diagnostic, Edit};
use crate::json::Member;
use crate::rules::structure;
use crate::schema::pointer::Seg;
use crate::span::Span;

/// The keys of the handed objects that come more than once. The first
/// parse notes every key in a Bloom filter, and a key the filter has seen
/// (again, or so it seems) in a map, with where it is last: so millions of
/// keys that each come once cost two bits each, not a map entry. In the
/// second parse a key not in the map comes once; one in it learns where it
/// is first, and its latest member. Keys are known by a 128-bit hash of
/// their object and text: two share one with a chance of about 10^-24
/// among ten million keys.
pub(super) struct Keys {
    hashers: [RandomState; 2],
    /// The Bloom filter: two bits per key, of a power of two.
    once: Vec<u64>,
    again: HashMap<u128, Seen>,
}

/// What [`Keys`] knows of a key that may come more than once. Offsets are
/// below 2^31, so a top bit says whether a member's value is an object.
#[derive(Clone, Copy)]
struct Seen {
    /// Where its first key starts; `NOT_YET` before the second parse
    /// reaches it.
    first: u32,
    /// Where its last key starts.
    last: u32,
    /// Where its latest member starts (its key), and its value's object
    /// bit; `NOT_YET` before the second parse reaches it.
    latest: u32,
    /// Where the member after the latest starts.
    latest_next: u32,
}

const OBJECT_BIT: u32 = 1 << 31;
const NOT_YET: u32 = u32::MAX;

/// `at` as stored: [`is_large`](super::is_large) bodies are under 2^31 bytes.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX) & !OBJECT_BIT
}

/// What the second parse learns of a member from [`Keys::visit`].
pub(super) struct Visit {
    /// Whether a later member has the same key: Go's decoder, and so every
    /// rule, ignores this one.
    pub(super) shadowed: bool,
    /// When the key was seen before: where first, the latest member's
    /// removal (to the next member), and whether its value is an object.
    pub(super) repeat: Option<(u32, Span, bool)>,
}

impl Keys {
    /// Keys for a body of `len` bytes: its members are at most a fifth as
    /// many, so two bits per byte keep the filter's false positives to a
    /// few in a hundred.
    pub(super) fn new(len: usize) -> Keys {
        Keys::with_bits(len.saturating_mul(2).next_power_of_two().max(1 << 16))
    }

    pub(super) fn with_bits(bits: usize) -> Keys {
        Keys {
            hashers: [RandomState::new(), RandomState::new()],
            once: vec![0; bits.div_ceil(64).max(1)],
            again: HashMap::new(),
        }
    }

    /// The hash of `key` in the object at `address`.
    fn hash(&self, address: usize, key: &str) -> u128 {
        let [a, b] = &self.hashers;
        (u128::from(a.hash_one((address, key))) << 64) | u128::from(b.hash_one((address, key)))
    }

    /// Notes the member `key` of the object at `address`, whose key starts
    /// at `at`, in the first parse.
    pub(super) fn note(&mut self, address: usize, key: &str, at: usize) {
        let hash = self.hash(address, key);
        let bits = self.once.len() * 64;
        let mut seen = true;
        for half in [hash >> 64, hash & u128::from(u64::MAX)] {
            let bit = (half as usize) & (bits - 1);
            if let Some(word) = self.once.get_mut(bit / 64) {
                seen &= *word & (1 << (bit % 64)) != 0;
                *word |= 1 << (bit % 64);
            }
        }
        if seen {
            let entry = self.again.entry(hash).or_insert(Seen {
                first: NOT_YET,
                last: 0,
                latest: NOT_YET,
                latest_next: NOT_YET,
            });
            entry.last = offset(at);
        }
    }

    /// Whether `key` of the object at `address` may come more than once:
    /// `false` for certain when it comes once.
    pub(super) fn may_repeat(&self, address: usize, key: &str) -> bool {
        self.again.contains_key(&self.hash(address, key))
    }

    /// Takes `member` of the object at `address` in the second parse;
    /// `previous` is the entry of the member before it there.
    pub(super) fn visit(
        &mut self,
        previous: &mut Option<u128>,
        address: usize,
        member: &Member<'_>,
    ) -> Visit {
        let at = offset(member.key().span().start());
        if let Some(seen) = previous.take().and_then(|p| self.again.get_mut(&p)) {
            seen.latest_next = at;
        }
        let hash = self.hash(address, member.key().as_str());
        let Some(seen) = self.again.get_mut(&hash) else {
            return Visit {
                shadowed: false,
                repeat: None,
            };
        };
        let object = if member.value().as_object().is_some() {
            OBJECT_BIT
        } else {
            0
        };
        let repeat = if seen.first == NOT_YET {
            seen.first = at;
            None
        } else {
            let start = (seen.latest & !OBJECT_BIT) as usize;
            Some((
                seen.first,
                Span::new(start, seen.latest_next as usize),
                seen.latest & OBJECT_BIT != 0,
            ))
        };
        seen.latest = at | object;
        let shadowed = seen.last != at;
        *previous = Some(hash);
        Visit { shadowed, repeat }
    }
}

/// The finding for `member` of the object at `path`, whose key was first
/// at `first` and last before in the member `latest` (whose value is an
/// object or not).
pub(super) fn repeated<'p>(
    source: &str,
    mut segs: Vec<Seg<'p>>,
    member: &'p Member<'_>,
    (first, latest, object): (u32, Span, bool),
) -> Diagnostic {
    segs.push(Seg::Key(member.key().as_str()));
    let name = structure::subject(&segs).to_string();
    let first = Span::new(first as usize, key_end(source, first as usize));
    let objects = object || member.value().as_object().is_some();
    // The latest member is followed by this one, so its removal runs to the
    // next key, as `remove_member_edit` removes a member followed by another.
    let removal = (!objects).then(|| Edit::delete(latest));
    structure::duplicate_key_finding(&name, member.key().span(), first, objects, removal)
}

/// Where the key token that starts at `start` ends, after its closing quote.
pub(super) fn key_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let mut at = start + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    source.len()
}
