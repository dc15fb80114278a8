//! kwx: a keyboard-driven terminal explorer for a scholarly corpus on the origins of the Korean War.
//!
//! The crate is split by concern: [`corpus`] parses the source texts into a plain model, and
//! [`cli`] answers lookups from it without a terminal UI.

pub mod cli;
pub mod corpus;
