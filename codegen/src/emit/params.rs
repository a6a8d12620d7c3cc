//! Request parameters: a struct with a constructor, or an enum when exactly one of several
//! parameters must be sent (so an empty or double selector cannot be built).

use proc_macro2::TokenStream;
use quote::quote;

use super::types::rust_type;
use super::{docs, ident};
use crate::ir;

/// The params type's name.
pub fn type_name(p: &ir::Params) -> TokenStream {
    let name = match p {
        ir::Params::Struct { name, .. } => name,
        ir::Params::Selector(group) => &group.name,
    };
    let name = ident(name);
    quote!(#name)
}

/// The params type and its impls.
pub fn items(p: &ir::Params) -> TokenStream {
    match p {
        ir::Params::Selector(group) => selector(group),
        ir::Params::Struct {
            name,
            fields,
            groups,
        } => {
            let selectors = groups.iter().map(selector);
            let strukt = params_struct(name, fields, groups);
            quote! {
                #strukt
                #(#selectors)*
            }
        }
    }
}

fn selector(group: &ir::OneOf) -> TokenStream {
    let name = ident(&group.name);
    let wires: Vec<String> = group
        .members
        .iter()
        .map(|m| format!("`{}`", m.wire))
        .collect();
    let doc = format!(
        "{}\n\nExactly one of {} is sent; it serializes as a single-key object such as `{{\"{}\": …}}`.",
        group.description.en,
        wires.join(", "),
        group.members.first().map_or("", |m| m.wire.as_str())
    );
    let variants = group.members.iter().map(|m| {
        let variant = ident(&m.variant);
        let wire = &m.wire;
        let ty = rust_type(&m.ty);
        let doc = docs::param(m);
        let doc = super::Doc::from(doc);
        let strip = strip_attr(m);
        quote! {
            #doc
            #[serde(rename = #wire #strip)]
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
            rt::serde::Deserialize,
        )]
        #[serde(crate = "::b24_spec::__private::serde")]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `serialize_with` for user codes this method must receive without `imol|`.
fn strip_attr(p: &ir::Param) -> TokenStream {
    if p.strip_imol_prefix {
        quote!(, serialize_with = "::b24_spec::__private::without_imol_prefix")
    } else {
        quote!()
    }
}

fn params_struct(name: &str, fields: &[ir::Param], groups: &[ir::OneOf]) -> TokenStream {
    let name = ident(name);
    let field_defs = fields.iter().map(|p| {
        let rust = ident(&p.rust);
        let wire = &p.wire;
        let ty = rust_type(&p.ty);
        let doc = docs::param(p);
        if p.required {
            let doc = super::Doc::from(doc);
            let strip = strip_attr(p);
            quote! {
                #doc
                #[serde(rename = #wire #strip)]
                pub #rust: #ty,
            }
        } else {
            let doc = super::Doc::from(doc);
            let strip = if p.strip_imol_prefix {
                quote!(, serialize_with = "::b24_spec::__private::without_imol_prefix_opt")
            } else {
                quote!()
            };
            quote! {
                #doc
                #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none" #strip)]
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
    let required: Vec<&ir::Param> = fields.iter().filter(|p| p.required).collect();
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
    quote! {
        /// Request parameters. Build with `new` (required values) and the `with_*` setters.
        #[derive(
            Debug,
            Clone,
            PartialEq,
            rt::serde::Serialize,
            rt::serde::Deserialize,
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
