//! Catching a panic without its English message reaching the user.
//!
//! The reader calls calamine inside [`catch_quietly`] as a last line of defence: a
//! panic there is turned into a diagnostic. The standard panic hook would still print
//! `thread '…' panicked at …` on stderr first, which a user must never see. Swapping
//! the hook around each call is not thread-safe (the CLI checks files on several
//! threads, and the hook is process-wide), so one hook is installed once, for good: it
//! stays silent while the panicking thread is inside a guarded call (a thread-local
//! depth counter says so) and hands every other panic to the hook that was there
//! before, unchanged.
//!
//! Where panics abort (the wasm build), nothing can be caught: the hook is left alone so
//! the panic's message still reaches the console.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// How many guarded calls this thread is inside.
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

static INSTALL: Once = Once::new();

/// Installs the process-wide hook (once): silent inside [`catch_quietly`], the previous
/// hook everywhere else.
fn install_hook() {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Leaves the guarded state when dropped (also if `f` unwinds).
struct Guard;

impl Guard {
    fn enter() -> Guard {
        GUARDED.with(|g| g.set(g.get().saturating_add(1)));
        Guard
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    }
}

/// Runs `f`, catching a panic (`Err`) without printing anything about it.
///
/// # Errors
/// The panic's payload, when `f` panicked.
pub fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    if cfg!(panic = "unwind") {
        install_hook();
    }
    let _guard = Guard::enter();
    catch_unwind(AssertUnwindSafe(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_an_error_and_nesting_is_counted() {
        let outer = catch_quietly(|| {
            let inner = catch_quietly(|| -> u8 { panic!("inner") });
            assert!(inner.is_err());
            assert_eq!(GUARDED.with(Cell::get), 1, "still inside the outer call");
            7
        });
        assert_eq!(outer.ok(), Some(7));
        assert_eq!(GUARDED.with(Cell::get), 0);
    }
}
