//! In the browser: the bundled corpus the app reads at start-up (built by build.rs on
//! the build machine, `stance::app::load_bundled`) is the corpus and index that building
//! its packed JSON in the page gives (`load_packed`, what "Back to the shipped corpus"
//! does), so building ahead of time on another target changes nothing.
#![cfg(target_arch = "wasm32")]

use stance::app::load_bundled;
use stance::state::{load_packed, BUNDLED_CORPUS, BUNDLED_ORIGIN};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_prebuilt_bundled_corpus_is_the_one_built_in_the_page() {
    let prebuilt = load_bundled().unwrap_or_else(|e| panic!("{e}"));
    let built = load_packed(BUNDLED_ORIGIN, BUNDLED_CORPUS).unwrap_or_else(|e| panic!("{e}"));
    assert!(!built.corpus.statements.is_empty());
    assert_eq!(prebuilt.corpus, built.corpus);
    assert!(prebuilt.index == built.index, "the prebuilt corpus's index differs from the one built in the page");
    assert_eq!(prebuilt.origin, built.origin);
    assert_eq!(prebuilt.skipped, built.skipped);
}
