//! The keys of the objects of a large body that come more than once.

use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use crate::diagnostic::{Diagnostic, Edit};
use crate::json::{self, Key};
use crate::rules::structure;
use crate::schema::pointer::Seg;
use crate::span::Span;

/// The keys of the objects of a body that come more than once. The first
/// parse notes every key in a Bloom filter, and a key the filter has seen
/// (again, or so it seems) in a table, with where it is last: so millions
/// of keys that each come once cost two bits each, not an entry. In the
/// second parse a key not in the table comes once; one in it learns where
/// it is first, and its latest member. An entry holds no key, only where
/// the key last is in the text, which tells two keys of one hash apart;
/// the entries are in one array, growing in place, and the table indexes
/// them: so millions of keys that each come twice cost about 22 bytes each,
/// less than twice their text, and no copy of the table while it grows.
pub(super) struct Keys<'a> {
    source: &'a str,
    hasher: RandomState,
    /// The Bloom filter: two bits set per key, in two bits per byte of the
    /// text.
    once: Vec<u64>,
    again: Vec<Seen>,
    /// The index in `again` of each entry, by its key's hash.
    index: HashTable<u32>,
}

/// What [`Keys`] knows of a key that may come more than once. Offsets are
/// below 2^31, so a top bit says whether a member's value is an object.
#[derive(Clone, Copy)]
struct Seen {
    /// The object's address: where its `{` is, or `u32::MAX` for the root.
    object: u32,
    /// Where its first key starts; `NOT_YET` before the second parse
    /// reaches it.
    first: u32,
    /// Where its last key starts.
    last: u32,
    /// Where its latest member starts (its key), and its value's object
    /// bit; `NOT_YET` before the second parse reaches it.
    latest: u32,
}

const OBJECT_BIT: u32 = 1 << 31;
const NOT_YET: u32 = u32::MAX;

/// `at` as stored: [`is_large`](super::is_large) bodies are under 2^31 bytes.
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX) & !OBJECT_BIT
}

/// An object's address as stored: the root's, `usize::MAX`, is `u32::MAX`.
fn object_of(address: usize) -> u32 {
    u32::try_from(address).unwrap_or(u32::MAX)
}

/// The address [`object_of`] stored.
fn address_of(object: u32) -> usize {
    if object == u32::MAX {
        usize::MAX
    } else {
        object as usize
    }
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

impl<'a> Keys<'a> {
    /// Keys for `source`: its members are at most a fifth as many as its
    /// bytes, so two bits per byte keep the filter's false positives to a
    /// few in a hundred.
    pub(super) fn new(source: &'a str) -> Keys<'a> {
        Keys::with_bits(source, source.len().saturating_mul(2).max(1 << 16))
    }

    /// Keys with a filter of `bits` bits (a multiple of 64, up to 2^32).
    pub(super) fn with_bits(source: &'a str, bits: usize) -> Keys<'a> {
        Keys {
            source,
            hasher: RandomState::new(),
            once: vec![0; bits.div_ceil(64).max(1)],
            again: Vec::new(),
            index: HashTable::new(),
        }
    }

    /// The hash of `key` in the object at `address`.
    fn hash(&self, address: usize, key: &str) -> u64 {
        self.hasher.hash_one((address, key))
    }

    /// The index in `again` of the entry of `key` in the object at
    /// `address`, whose hash is `hash`.
    fn find(&self, hash: u64, address: usize, key: &str) -> Option<usize> {
        let object = object_of(address);
        self.index
            .find(hash, |&i| {
                self.again.get(i as usize).is_some_and(|seen| {
                    seen.object == object
                        && key_text(self.source, seen.last as usize).as_deref() == Some(key)
                })
            })
            .map(|&i| i as usize)
    }

    /// Notes the member `key` of the object at `address`, whose key starts
    /// at `at`, in the first parse.
    pub(super) fn note(&mut self, address: usize, key: &str, at: usize) {
        let hash = self.hash(address, key);
        let bits = (self.once.len() * 64) as u64;
        let mut seen = true;
        // Each half of the hash picks a bit.
        for half in [hash, hash >> 32] {
            // The low 32 bits, scaled to the filter: no division.
            let bit = (((half & u64::from(u32::MAX)) * bits) >> 32) as usize;
            if let Some(word) = self.once.get_mut(bit / 64) {
                seen &= *word & (1 << (bit % 64)) != 0;
                *word |= 1 << (bit % 64);
            }
        }
        if !seen {
            return;
        }
        if let Some(entry) = self
            .find(hash, address, key)
            .and_then(|i| self.again.get_mut(i))
        {
            entry.last = offset(at);
            return;
        }
        let Ok(i) = u32::try_from(self.again.len()) else {
            return;
        };
        self.again.push(Seen {
            object: object_of(address),
            first: NOT_YET,
            last: offset(at),
            latest: NOT_YET,
        });
        let Keys {
            source,
            hasher,
            again,
            index,
            ..
        } = self;
        index.insert_unique(hash, i, |&i| {
            let seen = again.get(i as usize);
            let key = seen.and_then(|s| key_text(source, s.last as usize));
            hasher.hash_one((
                address_of(seen.map_or(0, |s| s.object)),
                key.as_deref().unwrap_or(""),
            ))
        });
    }

    /// Whether `key` of the object at `address` may come more than once:
    /// `false` for certain when it comes once.
    pub(super) fn may_repeat(&self, address: usize, key: &str) -> bool {
        self.find(self.hash(address, key), address, key).is_some()
    }

    /// Takes the member `key` of the object at `address`, whose value is
    /// an object or not, in the second parse.
    pub(super) fn visit(&mut self, address: usize, key: &Key<'_>, object: bool) -> Visit {
        let at = offset(key.span().start());
        let key = key.as_str();
        let hash = self.hash(address, key);
        let source = self.source;
        let Some(seen) = self
            .find(hash, address, key)
            .and_then(|i| self.again.get_mut(i))
        else {
            return Visit {
                shadowed: false,
                repeat: None,
            };
        };
        let object_bit = if object { OBJECT_BIT } else { 0 };
        let repeat = if seen.first == NOT_YET {
            seen.first = at;
            None
        } else {
            // The latest member is followed by another: its removal runs
            // to that one's key, as `remove_member_edit` removes it.
            let start = (seen.latest & !OBJECT_BIT) as usize;
            Some((
                seen.first,
                Span::new(start, next_member(source, start)),
                seen.latest & OBJECT_BIT != 0,
            ))
        };
        seen.latest = at | object_bit;
        Visit {
            shadowed: seen.last != at,
            repeat,
        }
    }
}

/// Where the member after the one whose key starts at `at` starts, in a
/// text that parses: past its value, the comma and the whitespace around
/// them. Each member is the latest of its key once, so each is read here
/// once at most.
fn next_member(source: &str, at: usize) -> usize {
    let bytes = source.as_bytes();
    let skip = |mut i: usize| {
        while bytes
            .get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            i += 1;
        }
        i
    };
    // The key, the colon, the value (read for its end only), the comma.
    let value = skip(skip(key_end(source, at)) + 1);
    let end = json::read_pruned_value(source, value, None).map_or(source.len(), |v| v.span().end());
    skip(skip(end) + 1)
}

/// The text of the key token that starts at `at`.
fn key_text(source: &str, at: usize) -> Option<Cow<'_, str>> {
    let end = key_end(source, at);
    // The common case: no escape, the text between the quotes.
    match source.get(at + 1..end.saturating_sub(1)) {
        Some(text) if !text.contains('\\') => Some(Cow::Borrowed(text)),
        _ => json::string_at(source, at),
    }
}

/// The finding for the member `key` of the object at `path`, whose value
/// is an object or not (`is_object`), whose key was first at `first` and
/// last before in the member `latest` (whose value is an object or not).
pub(super) fn repeated<'p>(
    source: &str,
    mut segs: Vec<Seg<'p>>,
    key: &'p Key<'_>,
    is_object: bool,
    (first, latest, object): (u32, Span, bool),
) -> Diagnostic {
    segs.push(Seg::Key(key.as_str()));
    let name = structure::subject(&segs).to_string();
    let first = Span::new(first as usize, key_end(source, first as usize));
    let objects = object || is_object;
    let removal = (!objects).then(|| Edit::delete(latest));
    structure::duplicate_key_finding(&name, key.span(), first, objects, removal)
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
