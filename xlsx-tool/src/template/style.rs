//! The formats and the sheet protection of the unit workbook.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, ProtectionOptions};

use crate::sheet_format::{HEADER_FILL, cell_format, header_format};

/// Shading of cells a person fills in.
const INPUT_FILL: u32 = 0xFFF2CC;

/// The formats of the unit workbook.
pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) label: Format,
    pub(super) fixed: Format,
    pub(super) fixed_number: Format,
    pub(super) header: Format,
    pub(super) body: Format,
    pub(super) body_center: Format,
    pub(super) body_number: Format,
    pub(super) input: Format,
    pub(super) input_center: Format,
    pub(super) input_line: Format,
    pub(super) input_text: Format,
    pub(super) input_date: Format,
    pub(super) input_number: Format,
    pub(super) help_title: Format,
    pub(super) help_heading: Format,
    pub(super) help_text: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let cell = cell_format();
        let input = cell.clone().set_unlocked().set_background_color(Color::RGB(INPUT_FILL));
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            fixed: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            fixed_number: Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_align(FormatAlign::Left)
                .set_num_format("0"),
            header: header_format(),
            body_center: cell.clone().set_align(FormatAlign::Center),
            body_number: cell.clone().set_align(FormatAlign::Right),
            body: cell,
            input_center: input.clone().set_align(FormatAlign::Center),
            input_line: input.clone().set_align(FormatAlign::VerticalCenter),
            input_text: input.clone().set_num_format("@").set_align(FormatAlign::VerticalCenter),
            input_date: input.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::VerticalCenter),
            input_number: input.clone().set_align(FormatAlign::Right),
            input,
            help_title: Format::new().set_bold().set_font_size(16),
            help_heading: Format::new().set_bold().set_font_size(12).set_background_color(Color::RGB(HEADER_FILL)),
            help_text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Sheet protection for people: no password, formatting rows/columns allowed.
pub(super) fn protection() -> ProtectionOptions {
    ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::new() }
}
