//! A small fixed-size bit set over statement indexes, for filters and facets.

/// A set of statement indexes `0..len`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    /// The empty set over `0..len`.
    pub fn new(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)], len }
    }

    /// The full set `0..len`.
    pub fn full(len: usize) -> Self {
        let mut s = Self { words: vec![u64::MAX; len.div_ceil(64)], len };
        s.trim();
        s
    }

    fn trim(&mut self) {
        let rem = self.len % 64;
        if rem != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << rem) - 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// Number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn and_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= *b;
        }
    }

    pub fn or_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= *b;
        }
    }

    /// Removes the members of `other`.
    pub fn and_not(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !*b;
        }
    }

    /// Members in increasing order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { words: &self.words, at: 0, word: self.words.first().copied().unwrap_or(0) }
    }

    /// Calls `f` with each member in increasing order (cheaper than [`iter`](Self::iter)
    /// in the hot loops of a search: two plain loops).
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(usize)) {
        for (wi, &w) in self.words.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                f(wi * 64 + w.trailing_zeros() as usize);
                w &= w - 1;
            }
        }
    }
}

/// The members of a [`BitSet`] in increasing order.
pub struct Iter<'a> {
    words: &'a [u64],
    /// Index of `word` in `words`.
    at: usize,
    /// What is left of `words[at]`.
    word: u64,
}

impl Iterator for Iter<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.word == 0 {
            self.at += 1;
            self.word = *self.words.get(self.at)?;
        }
        let bit = self.word.trailing_zeros() as usize;
        self.word &= self.word - 1;
        Some(self.at * 64 + bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let mut a = BitSet::new(130);
        for i in [0, 5, 64, 129, 500] {
            a.insert(i);
        }
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 5, 64, 129]);
        let mut each = Vec::new();
        a.for_each(|i| each.push(i));
        assert_eq!(each, [0, 5, 64, 129]);
        assert_eq!(BitSet::new(0).iter().count(), 0);
        assert_eq!(BitSet::full(200).iter().collect::<Vec<_>>(), (0..200).collect::<Vec<_>>());
        let full = BitSet::full(130);
        assert_eq!(full.count(), 130);
        let mut b = full.clone();
        b.and_not(&a);
        assert_eq!(b.count(), 126);
        assert!(!b.contains(64));
        b.or_with(&a);
        assert_eq!(b, full);
        b.and_with(&a);
        assert_eq!(b, a);
    }
}
