//! Error enums. Codes pick the variant; the HTTP status is carried, never matched on, because
//! portals and doc versions disagree on statuses for the same code.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident};
use crate::ir;

/// `common::SystemError`: errors any method can answer with.
pub fn system_enum(errors: &[ir::ErrorCode]) -> TokenStream {
    let variants = variants(errors);
    let from_arms = errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        quote!(#code => Ok(Self::#v(details)),)
    });
    let code_arms = errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        quote!(Self::#v(_) => #code,)
    });
    let details_arms = errors.iter().map(|e| {
        let v = ident(&e.variant);
        quote!(Self::#v(details) => details,)
    });
    let status_arms = errors.iter().map(|e| {
        let v = ident(&e.variant);
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        quote!(Self::#v(_) => #status,)
    });
    let from_code = if errors.is_empty() {
        quote!(Err(details))
    } else {
        quote! {
            match code {
                #(#from_arms)*
                _ => Err(details),
            }
        }
    };
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
                #from_code
            }

            /// The `error` code as sent on the wire.
            pub fn code(&self) -> &'static str {
                match self {
                    #(#code_arms)*
                }
            }

            /// Status and description of this answer.
            pub fn details(&self) -> &::b24_spec::ErrorDetails {
                match self {
                    #(#details_arms)*
                }
            }

            /// The status the documentation gives for this code (the real one is in `details`).
            pub fn documented_status(&self) -> u16 {
                match self {
                    #(#status_arms)*
                }
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

/// A method's error enum: its own codes, `System`, and `Unknown`.
pub fn method_enum(m: &ir::Method) -> TokenStream {
    let name = ident(&m.error_enum);
    let doc = format!(
        "Errors `{}` can answer with. The code decides the variant; a code the spec does not \
         list becomes `Unknown`, so new portal errors never fail decoding.",
        m.name
    );
    let variants = variants(&m.errors);
    let from_arms = m.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        quote!(#code => Self::#v(details),)
    });
    let code_arms = m.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let code = &e.code;
        quote!(Self::#v(_) => #code,)
    });
    let details_arms = m.errors.iter().map(|e| {
        let v = ident(&e.variant);
        quote!(Self::#v(details) => details,)
    });
    let status_arms = m.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        quote!(Self::#v(_) => Some(#status),)
    });
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A platform error any method can answer with.
            System(::b24_spec::common::SystemError),
            /// A code this spec does not list, kept as sent.
            Unknown {
                /// The `error` value.
                code: String,
                /// Status and description.
                details: ::b24_spec::ErrorDetails,
            },
        }

        impl ::b24_spec::ApiError for #name {
            fn from_parts(code: String, details: ::b24_spec::ErrorDetails) -> Self {
                match code.as_str() {
                    #(#from_arms)*
                    _ => match ::b24_spec::common::SystemError::from_code(&code, details) {
                        Ok(system) => Self::System(system),
                        Err(details) => Self::Unknown { code, details },
                    },
                }
            }

            fn code(&self) -> &str {
                match self {
                    #(#code_arms)*
                    Self::System(e) => e.code(),
                    Self::Unknown { code, .. } => code,
                }
            }

            fn details(&self) -> &::b24_spec::ErrorDetails {
                match self {
                    #(#details_arms)*
                    Self::System(e) => e.details(),
                    Self::Unknown { details, .. } => details,
                }
            }

            fn documented_status(&self) -> Option<u16> {
                match self {
                    #(#status_arms)*
                    Self::System(e) => Some(e.documented_status()),
                    Self::Unknown { .. } => None,
                }
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

fn variants(errors: &[ir::ErrorCode]) -> Vec<TokenStream> {
    errors
        .iter()
        .map(|e| {
            let v = ident(&e.variant);
            let doc = docs::error(e);
            let doc = super::Doc::from(doc);
            quote! {
                #doc
                #v(::b24_spec::ErrorDetails),
            }
        })
        .collect()
}
