//! Request parameters: a struct with a constructor, or an enum when exactly one of several
//! parameters must be sent (so an empty or double selector cannot be built).

use proc_macro2::TokenStream;
use quote::quote;

use super::types::rust_type;
use super::{docs, ident};
use crate::ir;

/// The params type's name.
pub(super) fn type_name(p: &ir::Params) -> TokenStream {
    let name = match p {
        ir::Params::Struct { name, .. } => name,
        ir::Params::Selector(group) => &group.name,
    };
    let name = ident(name);
    quote!(#name)
}

/// The params type and its impls.
pub(super) fn items(m: &ir::Method) -> TokenStream {
    match &m.shape {
        ir::Params::Selector(group) => selector(m, group),
        ir::Params::Struct { name, groups } => {
            let selectors = groups.iter().map(|g| selector(m, g));
            let strukt = params_struct(m, name, groups);
            quote! {
                #strukt
                #(#selectors)*
            }
        }
    }
}

/// `#[serde(rename = …)]` plus other serde options, only when there is something to say.
fn serde_attr(wire: &str, rust: &str, more: TokenStream) -> TokenStream {
    let rename = (wire != rust).then(|| quote!(rename = #wire));
    match (rename, more.is_empty()) {
        (None, true) => quote!(),
        (Some(rename), true) => quote!(#[serde(#rename)]),
        (None, false) => quote!(#[serde(#more)]),
        (Some(rename), false) => quote!(#[serde(#rename, #more)]),
    }
}

fn selector(m: &ir::Method, group: &ir::OneOf) -> TokenStream {
    let name = ident(&group.name);
    let members: Vec<&ir::Param> = m.members(group).collect();
    let wires: Vec<String> = members.iter().map(|m| format!("`{}`", m.wire)).collect();
    let doc = format!(
        "{}\n\nExactly one of {} is sent; it serializes as a single-key object such as `{{\"{}\": …}}`.",
        group.description.en,
        wires.join(", "),
        members.first().map_or("", |m| m.wire.as_str())
    );
    let variants = members.iter().map(|m| {
        let variant = ident(&m.variant);
        let ty = rust_type(&m.ty);
        let doc = super::Doc::from(docs::param(m));
        let attr = serde_attr(&m.wire, &m.variant, strip_attr(m, false));
        quote! {
            #doc
            #attr
            #variant(#ty),
        }
    });
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        #[derive(
            Debug,
            Clone,
            PartialEq,
            rt::serde::Serialize,
        )]
        #[serde(crate = "::b24_spec::__private::serde")]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `serialize_with` for user codes this method must receive without `imol|`.
fn strip_attr(p: &ir::Param, optional: bool) -> TokenStream {
    match (p.strip_imol_prefix, optional) {
        (false, _) => quote!(),
        (true, false) => quote!(serialize_with = "::b24_spec::__private::without_imol_prefix"),
        (true, true) => {
            quote!(serialize_with = "::b24_spec::__private::without_imol_prefix_opt")
        }
    }
}

fn params_struct(m: &ir::Method, name: &str, groups: &[ir::OneOf]) -> TokenStream {
    let name = ident(name);
    let fields: Vec<&ir::Param> = m.plain_params().collect();
    let field_defs = fields.iter().map(|p| {
        let rust = ident(&p.rust);
        let ty = rust_type(&p.ty);
        let doc = super::Doc::from(docs::param(p));
        if p.required {
            let attr = serde_attr(&p.wire, &p.rust, strip_attr(p, false));
            quote! {
                #doc
                #attr
                pub #rust: #ty,
            }
        } else {
            let strip = strip_attr(p, true);
            let more = if strip.is_empty() {
                quote!(default, skip_serializing_if = "Option::is_none")
            } else {
                quote!(default, skip_serializing_if = "Option::is_none", #strip)
            };
            let attr = serde_attr(&p.wire, &p.rust, more);
            quote! {
                #doc
                #attr
                pub #rust: Option<#ty>,
            }
        }
    });
    let group_defs = groups.iter().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.name);
        let doc = format!("Which of the `{}` parameters is sent.", g.group);
        let doc = super::Doc::from(doc);
        quote! {
            #doc
            #[serde(flatten)]
            pub #field: #ty,
        }
    });
    let required: Vec<&&ir::Param> = fields.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let rust = ident(&p.rust);
        let ty = rust_type(&p.ty);
        quote!(#rust: #ty)
    });
    let group_args = groups.iter().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.name);
        quote!(#field: #ty)
    });
    let inits = fields.iter().map(|p| {
        let rust = ident(&p.rust);
        if p.required {
            quote!(#rust,)
        } else {
            quote!(#rust: None,)
        }
    });
    let group_inits = groups.iter().map(|g| {
        let field = ident(&g.field);
        quote!(#field,)
    });
    let has_setters = fields.iter().any(|p| !p.required);
    let doc = super::Doc::from(if has_setters {
        "Request parameters. Build with `new` (required values) and the `with_*` setters \
         (optional ones)."
            .to_string()
    } else {
        "Request parameters. Build with `new`.".to_string()
    });
    let setters = fields.iter().filter(|p| !p.required).map(|p| {
        let rust = ident(&p.rust);
        let setter = ident(&format!("with_{}", p.rust));
        let ty = rust_type(&p.ty);
        let doc = format!("Sets `{}`.", p.wire);
        let doc = super::Doc::from(doc);
        quote! {
            #doc
            #[must_use]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#rust = Some(value);
                self
            }
        }
    });
    // Nothing to pass to `new`: `Default` builds the same value.
    let default = (required.is_empty() && groups.is_empty()).then(|| quote!(Default,));
    quote! {
        #doc
        #[derive(
            Debug,
            Clone,
            PartialEq,
            #default
            rt::serde::Serialize,
        )]
        #[serde(crate = "::b24_spec::__private::serde")]
        #[non_exhaustive]
        pub struct #name {
            #(#field_defs)*
            #(#group_defs)*
        }

        impl #name {
            /// Parameters with every required value; optional ones start unset.
            pub fn new(#(#args,)* #(#group_args),*) -> Self {
                Self {
                    #(#inits)*
                    #(#group_inits)*
                }
            }
            #(#setters)*
        }
    }
}
