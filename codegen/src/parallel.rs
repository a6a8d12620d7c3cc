//! One parallel map for the codegen's two slow loops: parsing spec files and formatting method
//! modules.

/// `f` over `items` on up to as many threads as there are cores (at most 8), results in
/// `items`' order; `None` when a thread panicked (a bug; callers report it as a problem).
///
/// Thread `t` takes items t, t + threads, …: sizes vary a lot (one method file is 60 KB, most
/// are 5), neighbours less so.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Option<Vec<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
        .min(items.len().max(1));
    if threads == 1 {
        return Some(items.iter().map(f).collect());
    }
    let f = &f;
    let parts: Vec<Option<Vec<(usize, R)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    items
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, item)| (i, f(item)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    let mut all = Vec::with_capacity(items.len());
    for part in parts {
        all.extend(part?);
    }
    all.sort_by_key(|(i, _)| *i);
    Some(all.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u32> = (0..101).collect();
        assert_eq!(
            super::map(&items, |x| x * 2),
            Some(items.iter().map(|x| x * 2).collect())
        );
        assert_eq!(super::map(&[] as &[u32], |x| *x), Some(Vec::new()));
    }
}
