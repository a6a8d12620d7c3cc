//! Error enums. Codes pick the variant; the HTTP status is carried, never matched on, because
//! portals and doc versions disagree on statuses for the same code.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Doc, docs, ident};
use crate::ir;

/// `match self { … }` with one arm per documented code (binding its details as `bind`, which
/// is `details` or `_`) plus `rest`, the arms of the variants that are not codes: the body of
/// every accessor, written once (smithy's `delegateToVariants`).
fn per_code(
    errors: &[ir::ErrorCode],
    bind: TokenStream,
    arm: impl Fn(&ir::ErrorCode) -> TokenStream,
    rest: TokenStream,
) -> TokenStream {
    if errors.is_empty() && rest.is_empty() {
        // An enum with no variants: matching the place, not the reference, is exhaustive.
        return quote!(match *self {});
    }
    let arms = errors.iter().map(|e| {
        let v = ident(&e.variant);
        let body = arm(e);
        quote!(Self::#v(#bind) => #body,)
    });
    quote! {
        match self {
            #(#arms)*
            #rest
        }
    }
}

/// `code => make(Self::Variant(details)),` for every documented code.
fn from_code_arms(
    errors: &[ir::ErrorCode],
    make: impl Fn(TokenStream) -> TokenStream,
) -> Vec<TokenStream> {
    errors
        .iter()
        .map(|e| {
            let v = ident(&e.variant);
            let code = &e.code;
            let value = make(quote!(Self::#v(details)));
            quote!(#code => #value,)
        })
        .collect()
}

/// `common::SystemError`: errors any method can answer with.
pub(super) fn system_enum(errors: &[ir::ErrorCode]) -> TokenStream {
    let variants = variants(errors);
    let from_arms = from_code_arms(errors, |v| quote!(Ok(#v)));
    let code = per_code(errors, quote!(_), code_of, quote!());
    let details = per_code(errors, quote!(details), |_| quote!(details), quote!());
    let status = per_code(
        errors,
        quote!(_),
        |e| {
            let status = Literal::u16_unsuffixed(e.status);
            quote!(#status)
        },
        quote!(),
    );
    let class = per_code(errors, quote!(_), class_of, quote!());
    let retry_after = per_code(errors, quote!(_), |e| option_u32(e.retry_after), quote!());
    quote! {
        /// Errors the platform can answer any method with (see the system error table).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum SystemError {
            #(#variants)*
        }

        impl SystemError {
            /// The variant for `code`, or the details back when the code is not a system error.
            pub fn from_code(
                code: &str,
                details: ::b24_spec::ErrorDetails,
            ) -> Result<Self, ::b24_spec::ErrorDetails> {
                match code {
                    #(#from_arms)*
                    _ => Err(details),
                }
            }

            /// The `error` code as sent on the wire.
            pub fn code(&self) -> &'static str {
                #code
            }

            /// Status and description of this answer.
            pub fn details(&self) -> &::b24_spec::ErrorDetails {
                #details
            }

            /// The status the documentation gives for this code (the real one is in `details`).
            pub fn documented_status(&self) -> u16 {
                #status
            }

            /// What to do about it, from the spec.
            pub fn class(&self) -> ::b24_spec::ErrorClass {
                #class
            }

            /// The wait the spec documents for a retry-later code, in seconds.
            pub fn documented_retry_after(&self) -> Option<u32> {
                #retry_after
            }
        }

        impl ::std::fmt::Display for SystemError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                rt::fmt_error(f, self.code(), self.details())
            }
        }

        impl ::std::error::Error for SystemError {}
    }
}

/// A method's error type: an enum of its own codes, `System` and the opaque `Unknown`, or,
/// when the spec lists no codes of its own, an alias of the shared `common::AnyError`.
pub(super) fn method_enum(m: &ir::Method) -> TokenStream {
    if m.errors.is_empty() {
        let name = ident(&m.error_enum);
        let doc = Doc::from(format!(
            "Errors `{}` can answer with: the spec lists no codes of its own, so this is the \
             shared [`crate::common::AnyError`] (system errors, and any other code as `Unknown`).",
            m.name
        ));
        return quote! {
            #doc
            pub type #name = crate::common::AnyError;
        };
    }
    error_enum(
        &m.error_enum,
        &format!("`{}` can answer with", m.name),
        &m.errors,
    )
}

/// `common::AnyError`: the error type of every method whose spec lists no codes of its own.
pub(super) fn any_error() -> TokenStream {
    error_enum(
        "AnyError",
        "of methods whose spec lists no codes of their own",
        &[],
    )
}

/// An error enum `name` for `errors`, with `System` and the opaque `Unknown`.
fn error_enum(name: &str, subject: &str, errors: &[ir::ErrorCode]) -> TokenStream {
    let name = ident(name);
    let doc = Doc::from(format!(
        "Errors {subject}. The code decides the variant; a code the spec does not list becomes \
         `Unknown`, so new portal errors never fail decoding. `Unknown` is opaque: read its code \
         with [`::b24_spec::ApiError::code`], and never match on it to find a specific code (a \
         later release may give that code its own variant)."
    ));
    let variants = variants(errors);
    let from_arms = from_code_arms(errors, |v| v);
    let otherwise = quote! {
        match crate::common::SystemError::from_code(&code, details) {
            Ok(system) => Self::System(system),
            Err(details) => Self::Unknown(::b24_spec::UnknownCode::new(code, details)),
        }
    };
    let from_parts = if from_arms.is_empty() {
        otherwise
    } else {
        quote! {
            match code.as_str() {
                #(#from_arms)*
                _ => #otherwise,
            }
        }
    };
    let code = per_code(
        errors,
        quote!(_),
        code_of,
        quote!(Self::System(e) => e.code(), Self::Unknown(e) => e.code(),),
    );
    let details = per_code(
        errors,
        quote!(details),
        |_| quote!(details),
        quote!(Self::System(e) => e.details(), Self::Unknown(e) => e.details(),),
    );
    let status = per_code(
        errors,
        quote!(_),
        |e| {
            let status = Literal::u16_unsuffixed(e.status);
            quote!(Some(#status))
        },
        quote!(Self::System(e) => Some(e.documented_status()), Self::Unknown(_) => None,),
    );
    let class = per_code(
        errors,
        quote!(_),
        class_of,
        quote!(
            Self::System(e) => e.class(),
            Self::Unknown(e) => ::b24_spec::ErrorClass::for_status(e.details().status),
        ),
    );
    let retry_after = per_code(
        errors,
        quote!(_),
        |e| option_u32(e.retry_after),
        quote!(Self::System(e) => e.documented_retry_after(), Self::Unknown(_) => None,),
    );
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A platform error any method can answer with.
            System(crate::common::SystemError),
            /// A code this spec does not list, kept as sent.
            Unknown(::b24_spec::UnknownCode),
        }

        impl ::b24_spec::ApiError for #name {
            #[inline]
            fn from_parts(code: String, details: ::b24_spec::ErrorDetails) -> Self {
                #from_parts
            }

            #[inline]
            fn code(&self) -> &str {
                #code
            }

            #[inline]
            fn details(&self) -> &::b24_spec::ErrorDetails {
                #details
            }

            #[inline]
            fn documented_status(&self) -> Option<u16> {
                #status
            }

            #[inline]
            fn class(&self) -> ::b24_spec::ErrorClass {
                #class
            }

            #[inline]
            fn documented_retry_after(&self) -> Option<u32> {
                #retry_after
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                rt::fmt_error(
                    f,
                    ::b24_spec::ApiError::code(self),
                    ::b24_spec::ApiError::details(self),
                )
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// The code as a string literal.
fn code_of(e: &ir::ErrorCode) -> TokenStream {
    let code = &e.code;
    quote!(#code)
}

/// `::b24_spec::ErrorClass::RetryLater` and the like.
fn class_of(e: &ir::ErrorCode) -> TokenStream {
    let class = ident(e.class);
    quote!(::b24_spec::ErrorClass::#class)
}

fn option_u32(value: Option<u32>) -> TokenStream {
    match value {
        Some(v) => {
            let v = Literal::u32_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn variants(errors: &[ir::ErrorCode]) -> Vec<TokenStream> {
    errors
        .iter()
        .map(|e| {
            let v = ident(&e.variant);
            let doc = Doc::from(docs::error(e));
            quote! {
                #doc
                #v(::b24_spec::ErrorDetails),
            }
        })
        .collect()
}
