//! Workarounds for calamine 0.38, each in its own module headed by the calamine version
//! and the upstream issue it answers, so that it can be deleted when upstream fixes it.

pub(crate) mod cell_references;
pub(crate) mod cfb_padding;
pub(crate) mod macro_sheets;
pub(crate) mod merges_first;
pub(crate) mod prescan;
pub(crate) mod xlsb_beta_sheets;
pub(crate) mod xlsb_prescan;
pub(crate) mod xlsb_short_cells;
