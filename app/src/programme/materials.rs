//! A session's materials: slides, papers, recordings, transcripts — titled
//! links the organisers keep on the session, published with the next release
//! (session page, JSON API, Frab links).

use crate::error::Problems;
use crate::proposals::fields::{report_url, required_text};
use serde::{Deserialize, Serialize};

/// At most this many links on one session.
pub const MAX_MATERIALS: usize = 20;
/// A link's title, in characters.
pub const MAX_TITLE: usize = 200;
/// Empty rows the organisers' form offers below the saved ones.
pub const EMPTY_ROWS: usize = 3;

/// One titled link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub title: String,
    pub url: String,
}

/// One row of the form (`materials[i][title]`, `materials[i][url]`); a row
/// left empty is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaterialInput {
    pub title: String,
    pub url: String,
}

/// The rows as typed, checked: every row with a title or an address needs
/// both, the address http(s). Problems name the row's field
/// (`materials[2][url]`) so each shows beside its box.
pub fn check(rows: &[MaterialInput], problems: &mut Problems) -> Vec<Material> {
    let filled: Vec<(usize, &MaterialInput)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !(r.title.trim().is_empty() && r.url.trim().is_empty()))
        .collect();
    if filled.len() > MAX_MATERIALS {
        problems.add("materials", "programme.too-many-materials");
    }
    let mut out = vec![];
    for (i, row) in filled {
        let field = |name: &str| format!("materials[{i}][{name}]");
        let title = problems.check(&field("title"), required_text(&row.title, MAX_TITLE));
        let url = match report_url(&row.url) {
            Ok(u) if u.is_empty() => {
                problems.add(&field("url"), "field.required");
                None
            }
            parsed => problems.check(&field("url"), parsed),
        };
        if let (Some(title), Some(url)) = (title, url) {
            out.push(Material { title, url });
        }
    }
    out
}

/// As stored on the session (JSON), for the snapshot and the forms.
pub fn read(stored: &str) -> Vec<Material> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// For storing on the session: empty when there are none.
pub fn write(list: &[Material]) -> String {
    if list.is_empty() {
        String::new()
    } else {
        serde_json::to_string(list).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, url: &str) -> MaterialInput {
        MaterialInput {
            title: title.into(),
            url: url.into(),
        }
    }

    fn fields(p: Problems) -> Vec<(String, String)> {
        match p.into_result() {
            Ok(()) => vec![],
            Err(crate::error::AppError::Invalid { fields, .. }) => {
                fields.into_iter().map(|f| (f.field, f.message)).collect()
            }
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn rows_with_a_title_and_an_address_are_kept_empty_ones_ignored() {
        let mut p = Problems::new();
        let got = check(
            &[
                row(" Slides ", " https://igf.example/ws12.pdf "),
                row("", ""),
                row("Recording", "http://media.example/ws12"),
            ],
            &mut p,
        );
        assert_eq!(fields(p), vec![]);
        assert_eq!(
            got,
            vec![
                Material {
                    title: "Slides".into(),
                    url: "https://igf.example/ws12.pdf".into()
                },
                Material {
                    title: "Recording".into(),
                    url: "http://media.example/ws12".into()
                },
            ]
        );
    }

    #[test]
    fn each_bad_row_is_named_by_its_field() {
        let mut p = Problems::new();
        let got = check(
            &[
                row("Slides", "javascript:alert(1)"),
                row("", "https://igf.example/x"),
                row("Paper", ""),
            ],
            &mut p,
        );
        assert!(got.is_empty());
        assert_eq!(
            fields(p),
            vec![
                ("materials[0][url]".into(), "proposals.url-invalid".into()),
                ("materials[1][title]".into(), "field.required".into()),
                ("materials[2][url]".into(), "field.required".into()),
            ]
        );
    }

    #[test]
    fn too_many_rows_are_refused() {
        let rows: Vec<MaterialInput> = (0..=MAX_MATERIALS)
            .map(|n| row(&format!("Part {n}"), &format!("https://x.example/{n}")))
            .collect();
        let mut p = Problems::new();
        check(&rows, &mut p);
        assert_eq!(
            fields(p),
            vec![("materials".into(), "programme.too-many-materials".into())]
        );
    }

    #[test]
    fn stored_text_reads_back() {
        let list = vec![Material {
            title: "Report".into(),
            url: "https://x.example/r".into(),
        }];
        assert_eq!(read(&write(&list)), list);
        assert_eq!(write(&[]), "");
        assert_eq!(read(""), vec![]);
    }
}
