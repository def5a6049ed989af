//! The formats of the summary workbook.

use rust_xlsxwriter::{Color, Format, FormatAlign};

use crate::sheet_format::{cell_format, header_format};

pub(super) const TOTAL_FILL: u32 = 0xF2F2F2;

/// The formats of the summary.
pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) center: Format,
    pub(super) number: Format,
    pub(super) percent: Format,
    pub(super) date: Format,
    pub(super) flagged: Format,
    pub(super) total_text: Format,
    pub(super) total_number: Format,
    pub(super) note: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let cell = cell_format();
        let total = cell.clone().set_bold().set_background_color(Color::RGB(TOTAL_FILL));
        Styles {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            subtitle: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: header_format(),
            center: cell.clone().set_align(FormatAlign::Center),
            number: cell.clone().set_align(FormatAlign::Right),
            percent: cell.clone().set_align(FormatAlign::Right).set_num_format("0.0%"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            flagged: cell.clone().set_align(FormatAlign::Right).set_italic().set_font_color(Color::RGB(0x808080)),
            total_text: total.clone(),
            total_number: total.set_align(FormatAlign::Right),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            text: cell,
        }
    }
}
