//! The clustering sweep shared by statement marks and event marks.
//!
//! Items are sorted by position once (ties by id, so the result is deterministic),
//! then swept greedily: an item closer than the minimum distance to the centre of the
//! group before it joins that group, otherwise it starts a new one. A group's centre
//! is the mean of its items and only moves forward as items join, so neighbouring
//! groups always end at least the minimum distance apart. O(n log n) for the sort,
//! O(n) for the sweep.

/// Something to place on an axis.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item<T> {
    pub id: T,
    /// Position along the axis, in pixels.
    pub x: f64,
    /// Pixel extent of an imprecise date.
    pub x_range: Option<(f64, f64)>,
    pub approximate: bool,
}

/// Items close enough to share one mark.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Group<T> {
    pub items: Vec<Item<T>>,
    /// Mean position of the items.
    pub x: f64,
    /// Positions of the first and last item.
    pub x_range: (f64, f64),
}

/// Groups `items` so that no two groups are closer than `min_px`. Items whose
/// position is not a finite number are left out (they have no place on the axis).
pub(crate) fn cluster<T: Ord>(mut items: Vec<Item<T>>, min_px: f64) -> Vec<Group<T>> {
    items.retain(|it| it.x.is_finite());
    items.sort_by(|a, b| a.x.total_cmp(&b.x).then_with(|| a.id.cmp(&b.id)));
    let mut groups: Vec<(Group<T>, f64)> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some((group, sum)) if item.x - group.x < min_px => {
                *sum += item.x;
                group.x_range.1 = item.x;
                group.items.push(item);
                group.x = group.x.max(*sum / group.items.len() as f64);
            }
            _ => {
                let x = item.x;
                groups.push((Group { items: vec![item], x, x_range: (x, x) }, x));
            }
        }
    }
    groups.into_iter().map(|(g, _)| g).collect()
}

/// The pixel extent of a day range on `scale`, in increasing order.
pub(crate) fn px_range(scale: &super::TimeScale, range: Option<(f64, f64)>) -> Option<(f64, f64)> {
    range.map(|(a, b)| {
        let (a, b) = (scale.to_px(a), scale.to_px(b));
        (a.min(b), a.max(b))
    })
}
