//! Bounded edit distance (optimal string alignment: Damerau–Levenshtein where a
//! transposition of two neighbouring letters counts as one edit).

/// Edits allowed for a query word of `chars` letters: 0 under 4, 1 from 4, 2 from 8.
pub fn max_edits(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Reusable rows for [`Distance::within`].
#[derive(Default)]
pub struct Distance {
    prev2: Vec<u8>,
    prev: Vec<u8>,
    cur: Vec<u8>,
    b: Vec<char>,
}

impl Distance {
    /// The OSA distance between `a` and `b` if it is at most `k`, else `None`.
    /// Stops as soon as every cell of a row exceeds `k`.
    pub fn within(&mut self, a: &[char], b: &str, k: u8) -> Option<u8> {
        self.b.clear();
        self.b.extend(b.chars());
        let (n, m) = (a.len(), self.b.len());
        if n.abs_diff(m) > usize::from(k) {
            return None;
        }
        let cap = |x: usize| x.min(255) as u8;
        self.prev2.clear();
        self.prev2.resize(m + 1, u8::MAX);
        self.prev.clear();
        self.prev.extend((0..=m).map(cap));
        self.cur.clear();
        self.cur.resize(m + 1, 0);
        let b = &self.b[..];
        let mut i = 1;
        while i <= n {
            // Plain slices and loops: the release build optimises for size and would
            // call out for each `Vec` access and range step.
            let (prev2, prev, cur) = (&self.prev2[..], &self.prev[..], &mut self.cur[..]);
            cur[0] = cap(i);
            let mut row_min = cur[0];
            let ai = a[i - 1];
            let mut j = 1;
            while j <= m {
                let cost = u8::from(ai != b[j - 1]);
                let mut v = (prev[j - 1].saturating_add(cost)).min(prev[j].saturating_add(1)).min(cur[j - 1].saturating_add(1));
                if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(prev2[j - 2].saturating_add(1));
                }
                cur[j] = v;
                row_min = row_min.min(v);
                j += 1;
            }
            if row_min > k {
                return None;
            }
            std::mem::swap(&mut self.prev2, &mut self.prev);
            std::mem::swap(&mut self.prev, &mut self.cur);
            i += 1;
        }
        let d = self.prev[m];
        (d <= k).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, k: u8) -> Option<u8> {
        let a: Vec<char> = a.chars().collect();
        Distance::default().within(&a, b, k)
    }

    #[test]
    fn edits_by_length() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(7), 1);
        assert_eq!(max_edits(8), 2);
    }

    #[test]
    fn bounded_distances() {
        assert_eq!(d("cyberspase", "cyberspace", 2), Some(1));
        assert_eq!(d("krutskih", "krutskikh", 2), Some(1));
        assert_eq!(d("secruity", "security", 2), Some(1)); // transposition
        assert_eq!(d("abcd", "abcd", 0), Some(0));
        assert_eq!(d("abcd", "wxyz", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("безопасность", "безопастность", 1), Some(1));
    }
}
