//! Stable sorting through one shared copy of the standard library's sort, for the many
//! small sorts that are not on a hot path.
//!
//! Each call of `slice::sort_by` or `sort_by_key` with its own closure compiles a whole
//! copy of the standard stable sort (driftsort: a few KB of wasm per call site); the
//! explorer's wasm had over two hundred sort functions (`bash scripts/size-report.sh`
//! lists `core::slice::sort`). [`by`] and [`by_key`] sort the positions `0..n` with the
//! caller's comparator behind one `dyn` call, which compiles the standard sort once for
//! the whole program, then move the elements into that order.
//!
//! The result is exactly `sort_by`'s (stable: equal elements keep their order). It costs
//! one indirect call per comparison and one more pass, so sorts run on every keystroke or
//! zoom step over every statement keep the standard sort.

use std::cmp::Ordering;

/// The stable sorted order of the positions `0..n` under `cmp`. Not generic: the one
/// copy of the standard sort behind [`by`].
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|&a, &b| cmp(a, b));
    positions
}

/// Moves the elements of `v` so that `v[k]` becomes the old `v[order[k]]`, following
/// each cycle of the permutation once (linear time, no copies of `T`).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // Placed (a fixed point, or marked when its cycle was followed).
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `v` by `cmp`, stably: the same result as `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let sorted = {
        let items: &[T] = v;
        order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, sorted);
}

/// Sorts `v` by the key `key` gives each element, stably: the same result as
/// `v.sort_by_key(key)`.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard stable sort, ties included (each element
        /// carries its original position, which the comparator ignores).
        #[test]
        fn same_as_std_sort_by(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut ours = items.clone();
            by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = items.clone();
            std.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn same_as_std_sort_by_key(keys in proptest::collection::vec(any::<i16>(), 0..200)) {
            let items: Vec<(i16, String)> = keys.iter().enumerate().map(|(i, &k)| (k / 8, i.to_string())).collect();
            let mut ours = items.clone();
            by_key(&mut ours, |x| x.0);
            let mut std = items.clone();
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_a_reversed_list_and_keeps_every_element() {
        let mut v: Vec<String> = (0..50).rev().map(|i| format!("{i:02}")).collect();
        by(&mut v, |a, b| a.cmp(b));
        let expected: Vec<String> = (0..50).map(|i| format!("{i:02}")).collect();
        assert_eq!(v, expected);
    }
}
