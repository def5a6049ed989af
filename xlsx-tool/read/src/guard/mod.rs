//! Workarounds for calamine 0.38, each in its own module headed by the calamine version
//! and the upstream issue it answers, so that it can be deleted when upstream fixes it.
//! They run in the guarded entry (`open`), before calamine sees the bytes: the rewrites on
//! the private stored copy of a zip ([`crate::unpack`]), then [`prescan::check`].

pub mod cell_references;
pub mod cfb_padding;
pub mod macro_sheets;
pub mod merges_first;
pub mod prescan;
pub mod xlsb_beta_sheets;
pub mod xlsb_prescan;
pub mod xlsb_short_cells;
