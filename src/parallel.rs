//! Running independent jobs on a few threads and handing results back in input order (`scan`
//! and `diff` with several targets).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work(i, &items[i])` for every item on up to `parallel` threads; `on_done(i, result)`
/// is called on this thread, in input order, as soon as item `i` and every item before it have
/// finished.
pub(crate) fn run_ordered<J: Sync, R: Send>(
    items: &[J],
    parallel: usize,
    work: &(dyn Fn(usize, &J) -> R + Sync),
    on_done: &mut dyn FnMut(usize, R),
) {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..parallel.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { return };
                    if tx.send((i, work(i, item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
        let mut emitted = 0;
        for (i, r) in rx {
            pending[i] = Some(r);
            while let Some(r) = pending.get_mut(emitted).and_then(Option::take) {
                on_done(emitted, r);
                emitted += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<u64> = (0..20).collect();
        let mut seen = Vec::new();
        super::run_ordered(
            &items,
            4,
            &|_, &n| {
                std::thread::sleep(std::time::Duration::from_millis((20 - n) * 2));
                n * 10
            },
            &mut |i, r| seen.push((i, r)),
        );
        let expected: Vec<(usize, u64)> = (0..20).map(|i| (i, i as u64 * 10)).collect();
        assert_eq!(seen, expected);
    }
}
