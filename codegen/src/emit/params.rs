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

/// The line that writes one parameter into the JSON object (`value` is how to reach it).
fn entry(p: &ir::Param, value: TokenStream, optional: bool) -> TokenStream {
    let wire = &p.wire;
    if p.yes_no {
        return match optional {
            false => quote!(w.param_yes_no(#wire, #value)),
            true => quote!(w.opt_param_yes_no(#wire, #value)),
        };
    }
    match (optional, p.strip_imol_prefix) {
        (false, false) => quote!(w.param(#wire, #value)),
        (false, true) => quote!(w.param_without_imol(#wire, #value)),
        (true, false) => quote!(w.opt_param(#wire, #value)),
        (true, true) => quote!(w.opt_param_without_imol(#wire, #value)),
    }
}

/// `Entries` and `Serialize` for a params type whose `write` body is `body`.
fn serialize_impls(name: &proc_macro2::Ident, body: TokenStream, empty: bool) -> TokenStream {
    let w = if empty { quote!(_) } else { quote!(w) };
    quote! {
        impl rt::Entries for #name {
            fn write<__M: rt::serde::ser::SerializeMap>(&self, #w: &mut rt::Writer<'_, __M>) {
                #body
            }
        }

        impl rt::serde::Serialize for #name {
            fn serialize<__S: rt::serde::Serializer>(&self, s: __S) -> Result<__S::Ok, __S::Error> {
                rt::serialize_entries(self, s)
            }
        }
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
        quote! {
            #doc
            #variant(#ty),
        }
    });
    let arms = members.iter().map(|m| {
        let variant = ident(&m.variant);
        let write = entry(m, quote!(value), false);
        quote!(Self::#variant(value) => #write,)
    });
    let impls = serialize_impls(&name, quote!(match self { #(#arms)* }), false);
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #impls
    }
}

fn params_struct(m: &ir::Method, name: &str, groups: &[ir::OneOf]) -> TokenStream {
    let name = ident(name);
    let fields: Vec<&ir::Param> = m.plain_params().collect();
    let field_defs = fields.iter().map(|p| {
        let rust = ident(&p.rust);
        let ty = rust_type(&p.ty);
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        let doc = super::Doc::from(docs::param(p));
        quote! {
            #doc
            pub #rust: #ty,
        }
    });
    let writes = fields.iter().map(|p| {
        let rust = ident(&p.rust);
        let write = entry(p, quote!(&self.#rust), !p.required);
        quote!(#write;)
    });
    let group_writes = groups.iter().map(|g| {
        let field = ident(&g.field);
        quote!(rt::Entries::write(&self.#field, w);)
    });
    let empty = fields.is_empty() && groups.is_empty();
    let impls = serialize_impls(&name, quote!(#(#writes)* #(#group_writes)*), empty);
    let group_defs = groups.iter().map(|g| {
        let field = ident(&g.field);
        let ty = ident(&g.name);
        let doc = format!("Which of the `{}` parameters is sent.", g.group);
        let doc = super::Doc::from(doc);
        quote! {
            #doc
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
            #[inline]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#rust = Some(value);
                self
            }
        }
    });
    // Nothing to pass to `new`: `Default` builds the same value.
    let default = (required.is_empty() && groups.is_empty()).then(|| quote!(Default));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#field_defs)*
            #(#group_defs)*
        }

        #impls

        impl #name {
            /// Parameters with every required value; optional ones start unset.
            #[inline]
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
