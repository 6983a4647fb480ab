//! CSV text for the downloads (proposals, programme, registrations): safe to
//! open in a spreadsheet.

/// A CSV field: quoted when needed, and never read as a formula by a
/// spreadsheet (a leading `=`, `+`, `-` or `@` gets an apostrophe).
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One CSV record (CRLF-terminated, as RFC 4180 has it).
pub fn csv_record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// A table to download, as CSV (a header row, then the rows) or as JSON (an
/// array of objects keyed by the column names, numbers and booleans kept).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Sheet {
    pub fn new(columns: Vec<&'static str>) -> Sheet {
        Sheet {
            columns,
            rows: vec![],
        }
    }

    pub fn push(&mut self, row: Vec<serde_json::Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn csv(&self) -> String {
        let mut out = csv_record(&self.columns);
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            out.push_str(&csv_record(&cells));
        }
        out
    }

    pub fn json(&self) -> String {
        let items: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|row| {
                serde_json::Value::Object(
                    self.columns
                        .iter()
                        .zip(row)
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                )
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
    }
}

fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_record(&["a", "b"]), "a,b\r\n");
    }

    #[test]
    fn a_sheet_is_the_same_table_in_csv_and_json() {
        use serde_json::json;
        let mut sheet = Sheet::new(vec!["id", "text", "count", "anonymous", "country"]);
        sheet.push(vec![
            json!("a1"),
            json!("=1+1, \"quoted\""),
            json!(3),
            json!(true),
            serde_json::Value::Null,
        ]);
        assert_eq!(
            sheet.csv(),
            "id,text,count,anonymous,country\r\na1,\"'=1+1, \"\"quoted\"\"\",3,true,\r\n"
        );
        let back: serde_json::Value = serde_json::from_str(&sheet.json()).unwrap();
        assert_eq!(back[0]["text"], "=1+1, \"quoted\"");
        assert_eq!(back[0]["count"], 3);
        assert_eq!(back[0]["anonymous"], true);
        assert!(back[0]["country"].is_null());
        assert_eq!(back.as_array().unwrap().len(), 1);
    }
}
