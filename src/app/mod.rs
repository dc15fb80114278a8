//! The explorer's state and its one-way flow: an [`Action`] goes into [`update`], which changes
//! [`App`]; `ui::render` draws it. Nothing here touches the terminal.

pub mod action;
pub mod geometry;
pub mod sources;
pub mod state;
pub mod update;
pub mod wrap;

pub use action::{Action, Command, MouseInput};
pub use state::{App, Focus, NavItem, ScrollHint, View};
pub use update::update;
