//! The 公文 page of GB/T 9704-2012 (contract §10): paper, margins, the 22 × 28 grid,
//! fonts with their east-Asian fallbacks, paragraph styles and the `— N —` page numbers.
//!
//! Every length is in twips (1/20 pt, 1/1440 inch), the unit of WordprocessingML.

/// Twips in one millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres to whole twips (rounded).
pub const fn mm(tenths_of_mm: u32) -> u32 {
    // const fn: f64 arithmetic is allowed, rounding by hand.
    let t = tenths_of_mm as f64 * TWIPS_PER_MM / 10.0;
    (t + 0.5) as u32
}

/// A4 portrait: 210 mm × 297 mm.
pub const PAGE_WIDTH: u32 = mm(2100);
/// A4 portrait height.
pub const PAGE_HEIGHT: u32 = mm(2970);
/// 天头 37 mm.
pub const MARGIN_TOP: u32 = mm(370);
/// 35 mm.
pub const MARGIN_BOTTOM: u32 = mm(350);
/// 订口 28 mm.
pub const MARGIN_LEFT: u32 = mm(280);
/// 26 mm.
pub const MARGIN_RIGHT: u32 = mm(260);
/// 版心 width: 156 mm.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// 版心 height: 225 mm.
pub const TEXT_HEIGHT: u32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
/// Lines a page.
pub const LINES: u32 = 22;
/// Characters a line.
pub const CHARS: u32 = 28;
/// The grid's line pitch (and the exact line spacing of the body): the text height over 22,
/// rounded down so 22 lines always fit (579 twips = 28.95 pt, the figure 公文 templates use).
pub const LINE_PITCH: u32 = TEXT_HEIGHT / LINES;
/// Body size, 3号: 16 pt, in half-points.
pub const BODY_SIZE: u32 = 32;
/// Title size, 2号: 22 pt, in half-points.
pub const TITLE_SIZE: u32 = 44;
/// Page number size, 4号: 14 pt, in half-points.
pub const PAGE_NUMBER_SIZE: u32 = 28;
/// Table text size, 小四: 12 pt, in half-points (a six-column table on a 156 mm line).
pub const TABLE_SIZE: u32 = 24;
/// The footer's distance from the page's bottom edge: the number's top sits about 7 mm
/// below the 版心 (35 mm − 7 mm − one 14 pt line ≈ 23 mm).
pub const FOOTER_DISTANCE: u32 = mm(230);

/// `w:charSpace` of the grid: how much each character cell differs from the body size, in
/// 1/4096 pt, rounded down so 28 characters fit in the text width
/// (`TEXT_WIDTH / 28` twips = 15.79 pt → −842).
pub fn char_space() -> i64 {
    let pitch_pt = f64::from(TEXT_WIDTH) / f64::from(CHARS) / 20.0;
    ((pitch_pt - f64::from(BODY_SIZE) / 2.0) * 4096.0).floor() as i64
}

/// Character spacing of every run, in twips (negative = condensed): a 16 pt character less
/// this is at most a 28th of the text width, so 28 characters fill a line (−5 = −0.25 pt).
///
/// Why not the grid alone: with `w:type="linesAndChars"` and the negative `charSpace` a
/// 28-character line needs, Word and WPS squeeze characters into the cells, but
/// LibreOffice 7.4 puts every 16 pt glyph into two 15.8 pt cells (14 characters a line,
/// a document twice as long). So the grid is declared (page setup in Word and WPS shows
/// 22 × 28), paragraphs are laid off the grid (`w:snapToGrid w:val="0"`) with exact 28.95 pt
/// lines and characters condensed by this much — the same 22 × 28 page in all three.
pub const CHAR_SPACING: i32 = (TEXT_WIDTH / CHARS) as i32 - (BODY_SIZE * 10) as i32;

/// A font as a run names it, with the name Word and WPS fall back to when it is missing.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    /// The name in `w:rFonts` (ascii, hAnsi and eastAsia).
    pub name: &'static str,
    /// `w:altName` in fontTable.xml: used when `name` is not installed.
    pub fallback: &'static str,
    /// `w:family` in fontTable.xml.
    pub family: &'static str,
    /// `w:pitch` in fontTable.xml.
    pub pitch: &'static str,
}

/// 标题: 方正小标宋简体, else 宋体.
pub const TITLE_FONT: Font =
    Font { name: "方正小标宋简体", fallback: "宋体", family: "auto", pitch: "variable" };
/// 正文: 仿宋_GB2312, else 仿宋.
pub const BODY_FONT: Font = Font { name: "仿宋_GB2312", fallback: "仿宋", family: "modern", pitch: "fixed" };
/// 一级标题: 黑体.
pub const HEADING1_FONT: Font = Font { name: "黑体", fallback: "SimHei", family: "modern", pitch: "fixed" };
/// 二级标题: 楷体_GB2312, else 楷体.
pub const HEADING2_FONT: Font = Font { name: "楷体_GB2312", fallback: "楷体", family: "modern", pitch: "fixed" };
/// 页码: 宋体.
pub const PAGE_NUMBER_FONT: Font = Font { name: "宋体", fallback: "SimSun", family: "auto", pitch: "variable" };
/// The fallbacks themselves, listed so a reader that looks names up in the font table finds them.
const FALLBACK_FONTS: [Font; 3] = [
    Font { name: "仿宋", fallback: "FangSong", family: "modern", pitch: "fixed" },
    Font { name: "楷体", fallback: "KaiTi", family: "modern", pitch: "fixed" },
    Font { name: "SimSun", fallback: "宋体", family: "auto", pitch: "variable" },
];

/// `w:rFonts` naming `font` for every script, so digits and Latin letters in a unit's text
/// are set in the same face as the Chinese (as 公文 are).
pub fn rfonts(font: Font) -> String {
    let n = font.name;
    format!(r#"<w:rFonts w:ascii="{n}" w:hAnsi="{n}" w:eastAsia="{n}" w:cs="{n}" w:hint="eastAsia"/>"#)
}

/// Namespaces of the WordprocessingML parts.
pub const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// word/fontTable.xml: every font the document names, with `w:altName` (ECMA-376 §17.8.3.1:
/// the names an application tries, in turn, when the primary one is not installed) and
/// charset 86 (GB2312), which makes Word and WPS substitute a Chinese face of the same
/// family rather than a Latin one.
pub fn font_table() -> String {
    let mut out = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts {W_NS}>"#);
    for f in [TITLE_FONT, BODY_FONT, HEADING1_FONT, HEADING2_FONT, PAGE_NUMBER_FONT].iter().chain(&FALLBACK_FONTS) {
        out.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="{}"/></w:font>"#,
            f.name, f.fallback, f.family, f.pitch
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// Paragraph style ids (word/styles.xml).
pub mod ids {
    /// 正文: 仿宋_GB2312 3号, first line indented two characters.
    pub const BODY: &str = "a0";
    /// 标题: 方正小标宋简体 2号, centred.
    pub const TITLE: &str = "jzTitle";
    /// `一、`: 黑体 3号.
    pub const H1: &str = "1";
    /// `（一）`: 楷体_GB2312 3号.
    pub const H2: &str = "2";
    /// `1.`: 仿宋 3号 bold.
    pub const H3: &str = "3";
    /// 表格文字: 仿宋_GB2312 小四, single spacing, off the grid.
    pub const TABLE: &str = "jzTable";
    /// 页码: 宋体 4号.
    pub const FOOTER: &str = "jzFooter";
    /// 主送机关, 附件 label: no indent.
    pub const FLUSH: &str = "jzFlush";
}

/// The exact line spacing of the grid.
fn exact() -> String {
    format!(r#"<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>"#)
}

/// Two characters of first-line indent (`firstLineChars` for Word/WPS, twips for the rest).
fn indent2() -> String {
    format!(r#"<w:ind w:firstLineChars="200" w:firstLine="{}"/>"#, BODY_SIZE * 20)
}

#[allow(clippy::too_many_arguments)]
fn style(id: &str, name: &str, outline: Option<u8>, ppr: &str, font: Font, size: u32, bold: bool) -> String {
    let outline = outline.map(|l| format!(r#"<w:outlineLvl w:val="{l}"/>"#)).unwrap_or_default();
    let bold = if bold { "<w:b/><w:bCs/>" } else { "" };
    let next = if outline.is_empty() { "" } else { r#"<w:next w:val="a0"/>"# };
    format!(
        r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="a0"/>{next}<w:qFormat/><w:pPr>{ppr}{outline}</w:pPr><w:rPr>{}{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
        rfonts(font)
    )
}

/// word/styles.xml: document defaults (the body font and size, which the grid's
/// `charSpace` is relative to) and one paragraph style per kind of paragraph.
pub fn styles() -> String {
    let body_rpr = format!(
        r#"{}<w:spacing w:val="{CHAR_SPACING}"/><w:kern w:val="2"/><w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
        rfonts(BODY_FONT)
    );
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr>{body_rpr}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:jc w:val="both"/>{}</w:pPr></w:pPrDefault></w:docDefaults>"#,
        exact()
    );
    out.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="{}"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{}</w:pPr><w:rPr>{body_rpr}</w:rPr></w:style>"#,
        ids::BODY,
        indent2()
    ));
    let no_indent = r#"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#;
    let off_grid = r#"<w:snapToGrid w:val="0"/>"#;
    out.push_str(&style(
        ids::TITLE,
        "公文标题",
        None,
        &format!(r#"<w:keepNext/>{off_grid}{}{no_indent}<w:jc w:val="center"/>"#, exact()),
        TITLE_FONT,
        TITLE_SIZE,
        false,
    ));
    out.push_str(&style(ids::H1, "heading 1", Some(0), "<w:keepNext/>", HEADING1_FONT, BODY_SIZE, false));
    out.push_str(&style(ids::H2, "heading 2", Some(1), "<w:keepNext/>", HEADING2_FONT, BODY_SIZE, false));
    out.push_str(&style(ids::H3, "heading 3", Some(2), "<w:keepNext/>", BODY_FONT, BODY_SIZE, true));
    out.push_str(&style(
        ids::TABLE,
        "表格文字",
        None,
        &format!(
            r#"{off_grid}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}<w:jc w:val="center"/>"#
        ),
        BODY_FONT,
        TABLE_SIZE,
        false,
    ));
    out.push_str(&style(
        ids::FOOTER,
        "页码",
        None,
        &format!(r#"{off_grid}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}"#),
        PAGE_NUMBER_FONT,
        PAGE_NUMBER_SIZE,
        false,
    ));
    out.push_str(&style(ids::FLUSH, "不缩进", None, no_indent, BODY_FONT, BODY_SIZE, false));
    out.push_str(
        r#"<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    );
    out.push_str("</w:styles>");
    out
}

/// word/settings.xml: different odd and even page footers (`w:evenAndOddHeaders`).
pub fn settings() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {W_NS}><w:evenAndOddHeaders/><w:defaultTabStop w:val="{}"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
        BODY_SIZE * 20
    )
}

/// A footer holding `— N —` (a PAGE field between two 一字线): odd pages on the right,
/// even pages on the left, one character in from the edge of the 版心.
pub fn footer(odd: bool) -> String {
    let one_char = PAGE_NUMBER_SIZE * 10;
    let (jc, ind) =
        if odd { ("right", format!(r#"w:right="{one_char}""#)) } else { ("left", format!(r#"w:left="{one_char}""#)) };
    let r = |inner: &str| format!("<w:r>{inner}</w:r>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="{}"/><w:ind {ind} w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{jc}"/></w:pPr>{}{}{}{}{}{}{}</w:p></w:ftr>"#,
        ids::FOOTER,
        r(r#"<w:t xml:space="preserve">— </w:t>"#),
        r(r#"<w:fldChar w:fldCharType="begin"/>"#),
        r(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        r(r#"<w:fldChar w:fldCharType="separate"/>"#),
        r("<w:t>1</w:t>"),
        r(r#"<w:fldChar w:fldCharType="end"/>"#),
        r(r#"<w:t xml:space="preserve"> —</w:t>"#),
    )
}

/// The section properties closing the body: A4 portrait, the margins, the two footers
/// (relationship ids `rIdFooterOdd`, `rIdFooterEven`) and the 22 × 28 grid.
pub fn section() -> String {
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/><w:pgNumType w:start="1"/><w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="{LINE_PITCH}" w:charSpace="{}"/></w:sectPr>"#,
        char_space()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_of_gb_t_9704() {
        assert_eq!((PAGE_WIDTH, PAGE_HEIGHT), (11906, 16838));
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(LINE_PITCH, 579);
        const { assert!(LINE_PITCH * LINES <= TEXT_HEIGHT) };
        assert_eq!(char_space(), -842);
        assert_eq!(CHAR_SPACING, -5);
        const { assert!((BODY_SIZE as i32 * 10 + CHAR_SPACING) * CHARS as i32 <= TEXT_WIDTH as i32) };
        let pitch_twips = (f64::from(BODY_SIZE) / 2.0 + char_space() as f64 / 4096.0) * 20.0;
        assert!(pitch_twips * f64::from(CHARS) <= f64::from(TEXT_WIDTH));
    }
}
