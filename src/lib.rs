pub mod app;
pub mod build_cache;
pub mod cli;
pub mod corpus;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod keymap;
pub mod sanitize;
pub mod search;
pub mod search_worker;
pub mod sources;
pub mod state_file;
pub mod term;
pub mod timeline;
pub mod tui;
pub mod ui;
