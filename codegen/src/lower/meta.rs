//! What the spec says about its items rather than their shapes: texts in two languages,
//! revision counters and `since`, and recorded differences from the official pages.

use std::path::Path;

use super::Lowerer;
use crate::diagnostic::did_you_mean;
use crate::ir;
use crate::model;

/// A spec text, trimmed.
pub(super) fn text(t: &model::Text) -> ir::Text {
    ir::Text {
        en: t.en.value.trim().to_string(),
        ru: t.ru.value.trim().to_string(),
    }
}

/// A spec text, or empty texts when there is none (a problem was reported).
pub(super) fn text_or_empty(t: Option<&model::Text>) -> ir::Text {
    t.map(text).unwrap_or_else(|| ir::Text {
        en: String::new(),
        ru: String::new(),
    })
}

/// The longest inline code span Diplodoc accepts without a warning (its lint YFM001).
const MAX_CODE_SPAN: usize = 100;

/// The first `` `code` `` span of `text` longer than [`MAX_CODE_SPAN`] characters.
fn long_code_span(text: &str) -> Option<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .find(|span| span.chars().count() > MAX_CODE_SPAN)
}

/// The official docs repositories, as differences name their pages.
const EN_REPO: &str = "bitrix24/b24restdocs";
const RU_REPO: &str = "bitrix-tools/b24-rest-docs";

fn meta_empty() -> ir::Text {
    text_or_empty(None)
}

/// Why `path` cannot be a page path inside a docs repository, if it cannot.
fn page_path_problem(path: &str) -> Result<(), &'static str> {
    let path = path.trim();
    if path.is_empty() {
        return Err("is empty");
    }
    if !path.ends_with(".md") {
        return Err("must name a `.md` page");
    }
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Err("must be a relative path with `/` separators");
    }
    if path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err("must not contain empty, `.` or `..` parts");
    }
    Ok(())
}

/// An optional spec string, trimmed.
pub(super) fn note(n: Option<&model::SpannedStr>) -> Option<String> {
    n.map(|n| n.value.trim().to_string())
}

impl Lowerer {
    /// Checks that both languages are written, and lowers the text.
    pub(super) fn text(&mut self, file: &Path, t: &model::Text, what: &str) -> ir::Text {
        if t.en.value.trim().is_empty() {
            self.err(file, &t.en, format!("{what} has an empty English text"))
                .hint("write the `en` text; it becomes the Rust docs and schema description");
        }
        if t.ru.value.trim().is_empty() {
            self.err(file, &t.ru, format!("{what} has an empty Russian text"))
                .hint("write the `ru` text from the Russian page");
        }
        for (lang, at) in [("English", &t.en), ("Russian", &t.ru)] {
            if let Some(span) = long_code_span(&at.value) {
                self.err(
                    file,
                    at,
                    format!(
                        "{what}: the {lang} text has a code span of {} characters, more than \
                         the {MAX_CODE_SPAN} the docs renderer allows (yfm lint YFM001)",
                        span.chars().count()
                    ),
                )
                .hint("shorten the part in backticks, or split it into several code spans");
            }
        }
        text(t)
    }

    /// Registers the revision counters of a shared file.
    pub(super) fn counters(&mut self, file: &Path, list: &[model::RevisionCounter]) {
        for c in list {
            let name = c.name.value.clone();
            self.text(file, &c.description, &format!("revision counter `{name}`"));
            let counter = ir::Counter {
                name: name.clone(),
                read_with: c.read_with.value.clone(),
                key: c.key.value.clone(),
            };
            if self.counters.insert(name.clone(), counter).is_some() {
                self.err(
                    file,
                    &c.name,
                    format!("revision counter `{name}` is defined twice"),
                )
                .hint("keep one definition");
            }
        }
    }

    /// A `since` whose counter is defined in `shared/`.
    pub(super) fn since(&mut self, file: &Path, s: Option<&model::Since>) -> Option<ir::Since> {
        let s = s?;
        if s.source.value.trim().is_empty() {
            self.err(file, &s.source, "`since` needs a `source`".to_string())
                .hint("say where the revision number was read");
        }
        if let Some(counter) = self.counters.get(&s.counter.value) {
            return Some(ir::Since {
                revision: s.revision.value,
                counter: counter.clone(),
                source: s.source.value.trim().to_string(),
            });
        }
        let known: Vec<&str> = self.counters.keys().map(String::as_str).collect();
        let hint = match did_you_mean(&s.counter.value, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "define it under `revision_counters:` in a shared file".to_string(),
        };
        self.err(
            file,
            &s.counter,
            format!("unknown revision counter `{}`", s.counter.value),
        )
        .hint(hint);
        None
    }

    /// The official page paths of a method: both written, each a relative path to a `.md`
    /// file inside the repository (pages are written there, so nothing may point outside),
    /// and no page shared by two methods.
    pub(super) fn pages(&mut self, file: &Path, name: &str, m: &model::MethodFile) -> ir::Text {
        let Some(pages) = &m.pages else {
            self.err(file, &m.method, format!("method `{name}` has no `pages`"))
                .hint(
                    "add `pages: {en: api-reference/…/<method>.md, ru: api-reference/…/<method>.md}`: \
                     where its page lives in each official docs repository",
                );
            return meta_empty();
        };
        for (lang, path) in [("en", &pages.en), ("ru", &pages.ru)] {
            if let Err(why) = page_path_problem(&path.value) {
                self.err(file, path, format!("`pages.{lang}` {why}")).hint(
                    "write the page's path relative to the docs repository's root, e.g. \
                     `api-reference/imopenlines/openlines/sessions/imopenlines-dialog-get.md`",
                );
                continue;
            }
            let key = (lang, path.value.trim().to_string());
            if let Some(other) = self.page_owners.get(&key) {
                let message = format!("`pages.{lang}` is also the page of `{other}`");
                self.err(file, path, message)
                    .hint("each method has its own page; check the path");
            } else {
                self.page_owners.insert(key, name.to_string());
            }
        }
        ir::Text {
            en: pages.en.value.trim().to_string(),
            ru: pages.ru.value.trim().to_string(),
        }
    }

    /// A difference's page for readers, and its language when it is the method's official page.
    fn difference_page(
        &mut self,
        file: &Path,
        page: &model::SpannedStr,
    ) -> (String, Option<&'static str>) {
        let text = page.value.trim();
        let (lang, repo) = match text {
            "en" => ("en", EN_REPO),
            "ru" => ("ru", RU_REPO),
            _ => return (text.to_string(), None),
        };
        let Some(pages) = &self.pages else {
            self.err(
                file,
                page,
                format!("`page: {text}` names a method's official page, and this is not a method"),
            )
            .hint("name the page by its path");
            return (text.to_string(), None);
        };
        let path = if lang == "en" { &pages.en } else { &pages.ru };
        (format!("{repo}/{path}"), Some(lang))
    }

    /// Official-page differences, each with every part written.
    pub(super) fn differences(
        &mut self,
        file: &Path,
        list: &[model::Difference],
    ) -> Vec<ir::Difference> {
        let mut out = Vec::new();
        for d in list {
            for (part, what) in [
                (&d.page, "page"),
                (&d.docs, "docs"),
                (&d.server, "server"),
                (&d.source, "source"),
            ] {
                if part.value.trim().is_empty() {
                    self.err(
                        file,
                        part,
                        format!("a `differs_from_docs` entry has an empty `{what}`"),
                    )
                    .hint(
                        "say which page, what it says, what the server does, and where that \
                         was read",
                    );
                }
            }
            let mut russian = |part: &Option<model::SpannedStr>, what: &str| match part {
                Some(text) if !text.value.trim().is_empty() => text.value.trim().to_string(),
                Some(text) => {
                    self.err(
                        file,
                        text,
                        format!("a `differs_from_docs` entry has an empty `{what}`"),
                    )
                    .hint("write the Russian text: the Russian pages show it");
                    String::new()
                }
                None => {
                    self.err(
                        file,
                        &d.page,
                        format!("a `differs_from_docs` entry has no `{what}`"),
                    )
                    .hint("add `docs_ru` and `server_ru`: the Russian pages show them");
                    String::new()
                }
            };
            let docs_ru = russian(&d.docs_ru, "docs_ru");
            let server_ru = russian(&d.server_ru, "server_ru");
            let (page, lang) = self.difference_page(file, &d.page);
            out.push(ir::Difference {
                page,
                lang,
                docs: d.docs.value.trim().to_string(),
                server: d.server.value.trim().to_string(),
                docs_ru,
                server_ru,
                source: d.source.value.trim().to_string(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::long_code_span;

    #[test]
    fn code_spans_over_the_renderer_s_limit_are_found() {
        let long = "x".repeat(101);
        assert_eq!(
            long_code_span(&format!("a `{long}` b")),
            Some(long.as_str())
        );
        assert_eq!(long_code_span(&format!("a `short` {long} `b`")), None);
        assert_eq!(long_code_span(&format!("`{}`", "y".repeat(100))), None);
    }
}
