use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Range, Reader, Xls};

use super::*;
use crate::cfb::Compound;
use crate::guard::cfb_padding::pad_last_sector;
use crate::quiet_panic::catch_quietly;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// Each sheet's name and values.
type Sheets = Vec<(String, Range<Data>)>;

/// Every sheet's values as calamine 0.38 reads them (`None` when it refuses the file);
/// `Err` when it panics.
fn values(bytes: &[u8]) -> std::thread::Result<Option<Sheets>> {
    catch_quietly(|| {
        let mut book = Xls::new(Cursor::new(bytes)).ok()?;
        Some(book.worksheets())
    })
}

#[test]
fn tokens_past_their_record_panic_calamine_but_not_in_the_rewritten_copy() {
    let raw =
        std::fs::read(repo("tests/fixtures/hostile/xls_formula_tokens_past_record_calamine_optional_records.xls"))
            .unwrap();
    assert!(values(&raw).is_err(), "calamine 0.38 no longer panics on the raw file");
    // Past the emptied formula the mutant has a record running past the stream: an
    // ordinary error (`not-a-workbook`), no panic.
    let rewritten = rewrite(&raw).unwrap();
    assert_eq!(values(&rewritten).ok(), Some(None));
}

#[test]
fn a_formula_cut_short_keeps_every_value_once_rewritten() {
    let raw = std::fs::read(repo("tests/corpus/files/calamine__optional_records.xls")).unwrap();
    let raw = pad_last_sector(&raw).unwrap_or(raw);
    let good = values(&raw).unwrap().unwrap();
    // The first formula's first token made a PtgArea3d (10 bytes of operands) with one
    // byte left: calamine slices past the tokens.
    let mut stream = Compound::parse(&raw).unwrap().stream(&["Workbook"], usize::MAX).unwrap();
    let at = formula_lengths(&stream)[0];
    stream[at..at + 2].copy_from_slice(&2u16.to_le_bytes());
    stream[at + 2] = 0x3B;
    let hostile = compound_of(&stream).unwrap();
    assert!(values(&hostile).is_err(), "calamine 0.38 no longer panics on a short PtgArea3d");
    let rewritten = rewrite(&hostile).unwrap();
    assert_eq!(values(&rewritten).unwrap().unwrap(), good);
}

#[test]
fn corpus_xls_values_are_unchanged_and_formulas_emptied() {
    let (mut compared, mut with_formulas) = (0, 0);
    for entry in std::fs::read_dir(repo("tests/corpus/files")).unwrap() {
        let path = entry.unwrap().path();
        if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xls")) {
            continue;
        }
        let raw = std::fs::read(&path).unwrap();
        let raw = pad_last_sector(&raw).unwrap_or(raw);
        let Ok(before) = values(&raw) else { continue };
        let Ok(rewritten) = rewrite(&raw) else { continue };
        let after = values(&rewritten).unwrap_or_else(|_| panic!("{} panics once rewritten", path.display()));
        assert_eq!(before, after, "{}", path.display());
        compared += 1;
        let stream = Compound::parse(&raw).and_then(|c| c.stream(&["Workbook", "Book"], usize::MAX)).unwrap();
        if !formula_lengths(&stream).is_empty() {
            with_formulas += 1;
            let again = Compound::parse(&rewritten).and_then(|c| c.stream(&["Workbook"], usize::MAX)).unwrap();
            assert!(formula_lengths(&again).is_empty(), "{}", path.display());
            assert_eq!(again.len(), stream.len());
        }
    }
    eprintln!("{compared} corpus .xls files compared, {with_formulas} with formulas");
    assert!(compared >= 90, "{compared} corpus .xls files compared");
    assert!(with_formulas >= 30, "{with_formulas} corpus .xls files with formulas");
}

#[test]
fn written_compound_files_read_back_whole() {
    for len in [0usize, 1, 63, 64, 100, 511, 4095, 4096, 4097, 100_000, 5_000_000] {
        let stream: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let file = compound_of(&stream).unwrap();
        let c = Compound::parse(&file).unwrap();
        assert!(c.mini_chains_ok());
        assert_eq!(c.stream(&["Workbook"], usize::MAX).unwrap(), stream, "{len}");
    }
}

#[test]
fn only_the_formulas_calamine_parses_are_emptied() {
    // A BoundSheet8 at 0 makes the globals themselves a sheet, up to their EOF.
    let mut stream = Vec::new();
    let record = |s: &mut Vec<u8>, typ: u16, data: &[u8]| {
        s.extend_from_slice(&typ.to_le_bytes());
        s.extend_from_slice(&(data.len() as u16).to_le_bytes());
        s.extend_from_slice(data);
    };
    record(&mut stream, 0x0809, &[0, 6, 0x10, 0]);
    record(&mut stream, 0x0085, &[0, 0, 0, 0, 0, 0]);
    record(&mut stream, 0x000A, &[]);
    let mut formula = vec![0u8; 25];
    formula[20] = 3; // cce = 3: PtgInt 1
    formula[22] = 0x1E;
    formula[23] = 1;
    record(&mut stream, 0x0006, &formula);
    let mut copy = stream.clone();
    neutralise_formulas(&mut copy).unwrap();
    assert_eq!(copy, stream, "a formula after the sheet's EOF is not parsed, not touched");
    // Sheet at the Formula record: its cce is emptied.
    let at = stream.len() - 29;
    stream[12..16].copy_from_slice(&(at as u32).to_le_bytes());
    neutralise_formulas(&mut stream).unwrap();
    assert_eq!(stream[at + 24..at + 26], [0, 0]);
}
