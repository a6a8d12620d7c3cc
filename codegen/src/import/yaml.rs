//! Writing the draft's YAML: block style, every text a double-quoted scalar, since page texts
//! hold `:`, `#`, quotes, `|` and `{` that plain scalars would misread.

/// The YAML text being written.
#[derive(Default)]
pub(super) struct Out {
    pub(super) text: String,
}

impl Out {
    /// `key: value` (value already quoted or a bare word).
    pub(super) fn scalar(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {value}"));
    }

    /// `key:` opening a block.
    pub(super) fn key(&mut self, indent: usize, key: &str) {
        self.line(indent, &format!("{key}:"));
    }

    /// `- key: value`: the first key of a list item whose other keys sit at `indent + 2`.
    pub(super) fn item(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("- {key}: {value}"));
    }

    fn line(&mut self, indent: usize, text: &str) {
        self.text.extend(std::iter::repeat_n(' ', indent));
        self.text.push_str(text);
        self.text.push('\n');
    }
}

/// `text` as a double-quoted YAML scalar: `\` and `"` escaped, control and line-break
/// characters written as escapes so the value stays on one line.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
