pub mod app;
pub mod cli;
pub mod corpus;
pub mod keymap;
pub mod state_file;
pub mod term;
pub mod tui;
pub mod ui;
