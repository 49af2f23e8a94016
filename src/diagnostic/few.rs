//! A list that holds zero or one item without a heap allocation.
//!
//! A finding almost always has at most one fix, one edit per fix and one
//! secondary label; a `Vec` would allocate for each of them. Building and
//! freeing those allocations was a large share of a lint that reports
//! something (see `benches/lint.rs`).

use std::slice;

/// Zero or one item inline, a `Vec` past that.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Few<T> {
    Zero,
    One(T),
    Many(Vec<T>),
}

impl<T> Few<T> {
    /// Appends `item`; the second item moves the list to the heap.
    pub(crate) fn push(&mut self, item: T) {
        match self {
            Few::Zero => *self = Few::One(item),
            Few::Many(items) => items.push(item),
            Few::One(_) => {
                if let Few::One(first) = std::mem::replace(self, Few::Zero) {
                    *self = Few::Many(vec![first, item]);
                }
            }
        }
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            Few::Zero => &[],
            Few::One(item) => slice::from_ref(item),
            Few::Many(items) => items,
        }
    }
}

impl<T> FromIterator<T> for Few<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Few<T> {
        let mut iter = iter.into_iter();
        let Some(first) = iter.next() else {
            return Few::Zero;
        };
        match iter.next() {
            None => Few::One(first),
            Some(second) => Few::Many([first, second].into_iter().chain(iter).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn keeps_items_in_order_across_the_move_to_the_heap() {
        let mut few = Few::Zero;
        assert_eq!(few.as_slice(), &[] as &[u8]);
        few.push(1);
        assert_eq!(few, Few::One(1));
        few.push(2);
        few.push(3);
        assert_eq!(few.as_slice(), &[1, 2, 3]);
        assert_eq!([4, 5].into_iter().collect::<Few<_>>().as_slice(), &[4, 5]);
    }
}
