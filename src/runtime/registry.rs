//! Static descriptions of the methods in the spec, for tools that list or check them.

/// Text in both documentation languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LocalizedText {
    /// English.
    pub en: &'static str,
    /// Russian.
    pub ru: &'static str,
}

/// One REST method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MethodDescriptor {
    /// Wire name, e.g. `imopenlines.dialog.get`.
    pub name: &'static str,
    /// OAuth scope it needs.
    pub scope: &'static str,
    /// Who may call it.
    pub access: LocalizedText,
    /// What it does.
    pub description: LocalizedText,
    /// Parameters in spec order.
    pub params: &'static [ParamDescriptor],
    /// Method-specific error codes; see [`crate::SYSTEM_ERRORS`] for the shared ones.
    pub errors: &'static [ErrorDescriptor],
    /// Where the official pages say something else than the server does (the spec follows
    /// the server).
    pub differences: &'static [DocDifference],
    /// Whether calling it twice does no harm (reads); [`crate::RetryPolicy`] repeats only these
    /// unless told otherwise.
    pub safe_to_repeat: bool,
    /// Result fields that appeared in a later revision: `(path, since)`.
    pub fields_since: &'static [(&'static str, Since)],
    /// Wire paths of every field below `result`, in spec order: `restrictions`,
    /// `restrictions.avatar`, `mute_list[]` (an item of a list), and `[]`, `[].id` when the
    /// result is itself a list; empty for a scalar result. [`crate::Handle::field`] checks
    /// batch references against them.
    pub result_fields: &'static [&'static str],
}

/// The revision that introduced a parameter, and which counter that number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Since {
    /// The revision number.
    pub revision: u32,
    /// The counter, e.g. `imopenlines.rest`.
    pub counter: &'static str,
    /// The method that reports the counter, e.g. `imopenlines.revision.get`.
    pub read_with: &'static str,
    /// The key of that method's result, e.g. `rest`.
    pub key: &'static str,
    /// Where the number was read.
    pub source: &'static str,
}

/// A place where an official page and the server disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocDifference {
    /// What it concerns: `param DIALOG_ID`, `result.background_id`, `error DIALOG_ID_EMPTY`.
    pub at: &'static str,
    /// The page.
    pub page: &'static str,
    /// What the page says.
    pub docs: &'static str,
    /// What the server does, and the spec says.
    pub server: &'static str,
    /// Where the server's behaviour was read.
    pub source: &'static str,
}

/// One request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParamDescriptor {
    /// Name on the wire, e.g. `USER_CODE`.
    pub wire_name: &'static str,
    /// Spec type name (`id`, `string`, `user_code`, …).
    pub spec_type: &'static str,
    /// Must be sent on every call.
    pub required: bool,
    /// The one-of group it belongs to: exactly one member of a group is sent.
    pub one_of: Option<&'static str>,
    /// The revision that introduced it, where known.
    pub since: Option<Since>,
    /// What it means.
    pub description: LocalizedText,
    /// Example values as JSON text.
    pub examples: &'static [&'static str],
}

/// One documented error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorDescriptor {
    /// The `error` value.
    pub code: &'static str,
    /// HTTP status the documentation gives.
    pub status: u16,
    /// The `error_description` text portals send.
    pub message: LocalizedText,
    /// What it means.
    pub meaning: LocalizedText,
    /// What a caller can do about it.
    pub class: crate::ErrorClass,
    /// For retry-later codes: the documented wait in seconds.
    pub retry_after: Option<u32>,
}

// Constructors for generated code, which may live in another crate (where `#[non_exhaustive]`
// forbids struct expressions). Positional on purpose: only the emitter calls them.
impl LocalizedText {
    #[doc(hidden)]
    pub const fn __new(en: &'static str, ru: &'static str) -> Self {
        Self { en, ru }
    }
}

impl Since {
    #[doc(hidden)]
    pub const fn __new(
        revision: u32,
        counter: &'static str,
        read_with: &'static str,
        key: &'static str,
        source: &'static str,
    ) -> Self {
        Self {
            revision,
            counter,
            read_with,
            key,
            source,
        }
    }
}

impl DocDifference {
    #[doc(hidden)]
    pub const fn __new(
        at: &'static str,
        page: &'static str,
        docs: &'static str,
        server: &'static str,
        source: &'static str,
    ) -> Self {
        Self {
            at,
            page,
            docs,
            server,
            source,
        }
    }
}

impl ParamDescriptor {
    #[doc(hidden)]
    pub const fn __new(
        wire_name: &'static str,
        spec_type: &'static str,
        required: bool,
        one_of: Option<&'static str>,
        since: Option<Since>,
        description: LocalizedText,
        examples: &'static [&'static str],
    ) -> Self {
        Self {
            wire_name,
            spec_type,
            required,
            one_of,
            since,
            description,
            examples,
        }
    }
}

impl ErrorDescriptor {
    #[doc(hidden)]
    pub const fn __new(
        code: &'static str,
        status: u16,
        message: LocalizedText,
        meaning: LocalizedText,
        class: crate::ErrorClass,
        retry_after: Option<u32>,
    ) -> Self {
        Self {
            code,
            status,
            message,
            meaning,
            class,
            retry_after,
        }
    }
}

impl MethodDescriptor {
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        name: &'static str,
        scope: &'static str,
        access: LocalizedText,
        description: LocalizedText,
        params: &'static [ParamDescriptor],
        errors: &'static [ErrorDescriptor],
        differences: &'static [DocDifference],
        safe_to_repeat: bool,
        fields_since: &'static [(&'static str, Since)],
        result_fields: &'static [&'static str],
    ) -> Self {
        Self {
            name,
            scope,
            access,
            description,
            params,
            errors,
            differences,
            safe_to_repeat,
            fields_since,
            result_fields,
        }
    }

    /// A parameter by wire name.
    pub fn param(&self, wire_name: &str) -> Option<&'static ParamDescriptor> {
        self.params.iter().find(|p| p.wire_name == wire_name)
    }

    /// Every meaning `code` has for this method: its own first, then the system one.
    ///
    /// `ACCESS_DENIED` has two for `imopenlines.session.open`: no access to the chat (400),
    /// and REST unavailable on the plan (403, system).
    pub fn error_meanings(&self, code: &str) -> impl Iterator<Item = &'static ErrorDescriptor> {
        let own = self.errors.iter().filter(move |e| e.code == code);
        let code = code.to_string();
        own.chain(crate::SYSTEM_ERRORS.iter().filter(move |e| e.code == code))
    }
}

/// Every method in the spec, sorted by name.
pub fn methods() -> &'static [&'static MethodDescriptor] {
    crate::METHODS
}

/// A method by its wire name.
pub fn find_method(name: &str) -> Option<&'static MethodDescriptor> {
    crate::METHODS.iter().copied().find(|m| m.name == name)
}
