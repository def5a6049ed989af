//! The other names units give the template's columns (contract §15), in one table, and
//! the person's own mapping of a file's headers to the template's columns ([`Mapping`]).

use std::collections::BTreeMap;

use jz_core::text::label_key;
use jz_core::{HEADER_LABELS, INDICATOR_COLUMNS, TASK_COLUMNS};

/// Other names of the template's columns: (template label, names a unit may use instead).
/// A name that is itself a template label (of either sheet or the contact block) is never
/// taken as a synonym (see `synonym_of`).
pub const SYNONYMS: &[(&str, &[&str])] = &[
    ("序号", &["编号", "举措序号", "举措编号"]),
    ("任务内容", &["任务", "重点任务", "工作任务", "主要任务"]),
    ("落实举措", &["具体措施", "工作措施", "措施", "举措", "具体举措", "主要举措"]),
    ("责任单位", &["牵头单位", "责任部门", "承办单位"]),
    ("完成状态", &["完成情况", "状态", "进度", "完成进度", "推进状态", "进展状态"]),
    ("进展情况", &["工作进展", "进展", "完成情况说明", "推进情况", "落实情况", "工作开展情况"]),
    ("存在问题", &["问题", "困难和问题", "存在的问题", "存在困难", "问题和困难"]),
    ("下一步计划", &["下步计划", "下一步工作", "下步工作", "下一步打算", "下一步工作计划"]),
    ("佐证材料", &["佐证", "附件", "证明材料", "佐证资料"]),
    ("本年度完成值", &["完成值", "本年完成值", "年度完成值", "完成数"]),
];

/// Longest header (characters, after [`label_key`]) that counts as naming a template
/// column by containing its label (`工作进展情况` → 进展情况); longer cells are sentences.
const MAX_CONTAINING_CHARS: usize = 12;

/// Whether `key` (a [`label_key`]) is a label of the template: a column of either sheet
/// or a label of the contact block.
pub(crate) fn is_template_label(key: &str) -> bool {
    TASK_COLUMNS.iter().chain(&INDICATOR_COLUMNS).chain(&HEADER_LABELS).any(|l| *l == key)
}

/// Which of `labels` the header `text` names by another name: a synonym in `table`, or a
/// short header containing exactly one of the labels. A header that is itself a template
/// label never names another column.
pub(crate) fn synonym_of(text: &str, labels: &[&str], table: &[(&str, &[&str])]) -> Option<usize> {
    let key = label_key(text);
    if key.is_empty() || is_template_label(&key) {
        return None;
    }
    // The table's names are written as label keys (checked by a test): compared as they are.
    let listed = table.iter().find(|(_, names)| names.contains(&key.as_str()));
    if let Some((label, _)) = listed {
        return labels.iter().position(|l| l == label);
    }
    if key.chars().count() > MAX_CONTAINING_CHARS {
        return None;
    }
    let mut found = None;
    for (i, l) in labels.iter().enumerate() {
        if key.contains(l) {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// The person's own mapping of a file's headers to the template's columns
/// (`{"完成情况": "完成状态"}`): the page's 对应列 step, the CLI's `--map FILE.json`.
/// Headers are compared as labels are (spaces, `*`, a trailing hint ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// (header key, template label).
    pairs: Vec<(String, &'static str)>,
}

/// Why a mapping cannot be used; the message is plain Chinese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// Not a JSON object of texts.
    #[error(
        "对应列的格式不对（{0}）。应写成 {{\"文件中的表头\": \"模板中的列\"}}，如 {{\"完成情况\": \"完成状态\", \"工作进展\": \"进展情况\"}}。"
    )]
    Json(String),
    /// A target that is no column of the template.
    #[error("对应列中“{header}”对应的“{target}”不是填报表模板中的列。可以对应的列有：{choices}。")]
    UnknownColumn {
        /// The file's header.
        header: String,
        /// What it was mapped to.
        target: String,
        /// The template's columns, joined.
        choices: String,
    },
}

impl Mapping {
    /// A mapping from (file header, template column) pairs; an empty target means "not
    /// read" and is left out.
    ///
    /// # Errors
    /// A target that is no column of the template.
    pub fn from_pairs<I, H, T>(pairs: I) -> Result<Mapping, MappingError>
    where
        I: IntoIterator<Item = (H, T)>,
        H: AsRef<str>,
        T: AsRef<str>,
    {
        let mut out = Mapping::default();
        for (header, target) in pairs {
            let (header, target) = (header.as_ref(), target.as_ref());
            let target_key = label_key(target);
            if target_key.is_empty() {
                continue;
            }
            let known = |l: &&&'static str| **l == target_key;
            let Some(column) = TASK_COLUMNS.iter().find(known).or_else(|| INDICATOR_COLUMNS.iter().find(known)) else {
                return Err(MappingError::UnknownColumn {
                    header: header.to_string(),
                    target: target.to_string(),
                    choices: format!("{}、{}", TASK_COLUMNS.join("、"), INDICATOR_COLUMNS.join("、")),
                });
            };
            let key = label_key(header);
            if key.is_empty() {
                continue;
            }
            match out.pairs.iter_mut().find(|(k, _)| *k == key) {
                Some(pair) => pair.1 = column,
                None => out.pairs.push((key, column)),
            }
        }
        Ok(out)
    }

    /// A mapping from its JSON text, `{"<file header>": "<template column>"}`.
    ///
    /// ```
    /// let m = jz_read::Mapping::from_json(r#"{"A栏": "完成状态"}"#).unwrap();
    /// assert!(!m.is_empty());
    /// let bad = jz_read::Mapping::from_json(r#"{"A栏": "完成"}"#).unwrap_err();
    /// assert!(bad.to_string().contains("不是填报表模板中的列"));
    /// ```
    ///
    /// # Errors
    /// Not a JSON object of texts, or a target that is no column of the template.
    pub fn from_json(text: &str) -> Result<Mapping, MappingError> {
        let pairs: BTreeMap<String, String> =
            serde_json::from_str(text.trim_start_matches('\u{FEFF}')).map_err(|e| MappingError::Json(e.to_string()))?;
        Mapping::from_pairs(pairs)
    }

    /// Whether nothing is mapped.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The index in `labels` of the column the header `text` is mapped to, if any.
    pub(crate) fn target(&self, text: &str, labels: &[&str]) -> Option<usize> {
        if self.pairs.is_empty() {
            return None;
        }
        let key = label_key(text);
        let (_, column) = self.pairs.iter().find(|(k, _)| *k == key)?;
        labels.iter().position(|l| l == column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_synonym_is_a_template_label_and_each_names_one_column() {
        let mut seen = std::collections::HashSet::new();
        for (label, names) in SYNONYMS {
            assert!(TASK_COLUMNS.contains(label) || INDICATOR_COLUMNS.contains(label), "{label}");
            for n in *names {
                assert!(!is_template_label(n), "{n} is a template label");
                assert_eq!(label_key(n), *n, "{n} is not written as its label key");
                assert!(seen.insert(*n), "{n} listed twice");
            }
        }
    }

    #[test]
    fn a_synonym_that_is_another_columns_label_is_not_taken() {
        // `说明` is the indicator sheet's column: listed as a synonym it is still not taken.
        let table: &[(&str, &[&str])] = &[("进展情况", &["说明", "工作进展"])];
        assert_eq!(synonym_of("说明", &TASK_COLUMNS, table), None);
        assert_eq!(synonym_of("工作进展", &TASK_COLUMNS, table), Some(5));
        // A header holding two labels names neither.
        assert_eq!(synonym_of("任务内容及落实举措", &TASK_COLUMNS, SYNONYMS), None);
        assert_eq!(synonym_of("工作进展情况", &TASK_COLUMNS, SYNONYMS), Some(5));
        assert_eq!(synonym_of("完成情况", &TASK_COLUMNS, SYNONYMS), Some(4));
    }

    #[test]
    fn mapping_json_errors_are_chinese() {
        assert!(matches!(Mapping::from_json("[1]"), Err(MappingError::Json(_))));
        let e = Mapping::from_json(r#"{"A栏":"状态"}"#).unwrap_err().to_string();
        assert!(e.contains("A栏") && e.contains("完成状态"), "{e}");
        let m = Mapping::from_json(r#"{" A栏 ":"完成状态","B栏":""}"#).unwrap();
        assert_eq!(m.target("A栏", &TASK_COLUMNS), Some(4));
        assert_eq!(m.target("B栏", &TASK_COLUMNS), None);
    }
}
