//! Code loaded when it is first needed: the views a click opens and the corpus build,
//! each in a wasm chunk of its own that the browser fetches then, not with the page
//! (docs/size.md, "How the split works").
//!
//! A split function is declared with [`split_fn!`](crate::split_fn): in the release build
//! (`STANCE_SPLIT=1`, set by `release_build` in scripts/env.sh; build.rs turns it into
//! `cfg(stance_split)` and links with `--emit-relocs`) it becomes a
//! `wasm_split_helpers` split point (re-exported by Leptos as `leptos::wasm_split`):
//! calling it fetches and instantiates its chunk the first time, then runs it there.
//! `wasm-split-cli` cuts the chunks out after cargo (scripts/split-wasm.sh). Elsewhere
//! (native tests, the browser unit tests, `trunk serve`) it is a plain `async fn`.
//! Either way it returns `Result<_, ChunkError>`: a chunk that cannot be fetched is an
//! error the caller shows ([`lazy_view`] puts a notice and a message in the page), never a
//! panic; the next call tries again.
//!
//! To make a view lazy: wrap the code that builds it in a `split_fn!` of its own module
//! name (one chunk per name) returning `AnyView`, and put `lazy_view("the view", f(..))`
//! where the view was. Everything only that function reaches moves into its chunk; what
//! the first screen also uses stays in the main wasm.

use crate::components::notices::{Level, NoticesCtx};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;

/// A chunk that could not be fetched or instantiated (the browser's console has why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

impl std::fmt::Display for ChunkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a part of the app could not be downloaded")
    }
}

/// Declares `async fn NAME(ARGS) -> Result<RET, ChunkError>` whose body goes into the
/// wasm chunk `MODULE` in the split release build (see the module docs). Arguments are
/// passed by value; no generics, no `self`.
#[macro_export]
macro_rules! split_fn {
    ($module:ident, $(#[$m:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(stance_split)]
        $(#[$m])*
        #[::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::split::ChunkError> {
            ::core::result::Result::Ok($body)
        }
        #[cfg(not(stance_split))]
        $(#[$m])*
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::split::ChunkError> {
            ::core::result::Result::Ok($body)
        }
    };
}

/// The message for a chunk that did not arrive: `what` names the view or action.
pub fn chunk_failed(what: &str) -> String {
    format!("{what} could not be loaded: a part of the app did not download. Check the connection and try again.")
}

/// Reports a chunk that did not arrive as an error notice (when the page has notices:
/// take them with `use_context` where the component is made, not in a task).
pub fn report_chunk_error(notices: Option<NoticesCtx>, what: &str) {
    if let Some(notices) = notices {
        notices.push(Level::Error, chunk_failed(what), Vec::new());
    }
}

/// The view `load` builds once its chunk is in (nothing until then, a few tens of ms on
/// a local server); if the chunk cannot be fetched, an error notice and a message in
/// place of the view. `what` names it ("The table").
pub fn lazy_view<Fut>(what: &'static str, load: Fut) -> impl IntoView
where
    Fut: Future<Output = Result<AnyView, ChunkError>> + 'static,
{
    let notices = use_context::<NoticesCtx>();
    // The split loader's future is not `Send`; the app is single-threaded (CSR).
    let load = SendWrapper::new(load);
    Suspend::new(async move {
        match load.await {
            Ok(view) => view,
            Err(_) => {
                if let Some(n) = notices {
                    n.push(Level::Error, chunk_failed(what), Vec::new());
                }
                view! { <p class="st-lazy-error" role="alert" data-testid="chunk-error">{chunk_failed(what)}</p> }.into_any()
            }
        }
    })
}

// The views a click opens, one chunk each (the embed form shows the table and the
// positions through the same functions).

crate::split_fn!(reader, /** The reader of document `doc`, or the document list. */ pub fn reader_view(doc: Option<String>) -> AnyView {
    use crate::components::{documents::DocumentList, reader::Reader};
    match doc {
        Some(doc_id) => view! { <Reader doc_id=doc_id/> }.into_any(),
        None => view! { <DocumentList/> }.into_any(),
    }
});

crate::split_fn!(table, /** The table view. */ pub fn table_view() -> AnyView {
    view! { <crate::components::table::TableView/> }.into_any()
});

crate::split_fn!(positions, /** The positions view. */ pub fn positions_view() -> AnyView {
    view! { <crate::components::positions::PositionsView/> }.into_any()
});

crate::split_fn!(compare, /** The compare view. */ pub fn compare_view() -> AnyView {
    view! { <crate::components::compare::CompareView/> }.into_any()
});

// The corpus build (segmentation, attribution, tagging): run by the load worker
// (`crate::worker`), and on the page only where no worker can start.

crate::split_fn!(corpus_build, /** [`load_packed`](crate::state::load_packed) of `text`, in the corpus builder's chunk. */ pub fn build_packed(origin: String, text: String) -> Result<crate::state::Loaded, stance_core::CorpusErrors> {
    crate::state::load_packed(&origin, &text)
});

#[cfg(test)]
mod tests {
    use super::*;

    crate::split_fn!(test_chunk, fn doubled(x: u32) -> u32 { x * 2 });

    #[test]
    fn a_split_function_runs_its_body_when_not_split() {
        let out = futures_lite_block_on(doubled(21));
        assert_eq!(out, Ok(42));
    }

    #[test]
    fn the_failure_message_names_what_failed() {
        let m = chunk_failed("The table");
        assert!(m.starts_with("The table could not be loaded"), "{m}");
    }

    /// Polls a future that never waits (the unsplit split function) to its end.
    fn futures_lite_block_on<F: Future>(fut: F) -> F::Output {
        use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
        fn raw() -> RawWaker {
            fn no(_: *const ()) {}
            fn clone(_: *const ()) -> RawWaker {
                raw()
            }
            static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, no, no, no);
            RawWaker::new(std::ptr::null(), &VTABLE)
        }
        // SAFETY: the vtable's functions do nothing and never touch the data pointer.
        let waker = unsafe { Waker::from_raw(raw()) };
        let mut cx = Context::from_waker(&waker);
        let mut fut = std::pin::pin!(fut);
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the unsplit function should be ready at once"),
        }
    }
}
