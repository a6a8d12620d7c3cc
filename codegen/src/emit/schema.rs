//! `schemars::JsonSchema` impls, compiled only with the `schema` feature.
//!
//! Field schemas come from the same wire wrappers the decoder uses, so a schema accepts exactly
//! what `Deserialize` accepts.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::registry::since_args;
use super::types::{rust_type, wire_type};
use crate::builtin::Scalar;
use crate::ir;

fn texts(t: Option<&ir::Text>, fallback: &str) -> (String, String) {
    match t {
        Some(t) => (t.en.clone(), t.ru.clone()),
        None => (fallback.to_string(), fallback.to_string()),
    }
}

fn header(name: &str, id: &str) -> TokenStream {
    quote! {
        fn schema_name() -> ::std::borrow::Cow<'static, str> {
            ::std::borrow::Cow::Borrowed(#name)
        }
        fn schema_id() -> ::std::borrow::Cow<'static, str> {
            ::std::borrow::Cow::Borrowed(#id)
        }
    }
}

/// Schema of an open enum: the known names, the old forms, or any other string.
pub(super) fn open_enum(e: &ir::OpenEnum, path: &str) -> TokenStream {
    let name = ident(&e.name);
    let header = header(&e.name, &format!("{path}::{}", e.name));
    let (en, ru) = (&e.description.en, &e.description.ru);
    let known = e.values.iter().map(|(wire, _)| wire);
    let legacy = e.legacy.iter().map(|(wire, _)| wire);
    quote! {
        #[cfg(feature = "schema")]
        impl rt::schemars::JsonSchema for #name {
            #header
            fn json_schema(_: &mut rt::schemars::SchemaGenerator) -> rt::schemars::Schema {
                rt::open_enum(&[#(#known),*], &[#(#legacy),*], #en, #ru)
            }
        }
    }
}

/// The spec's recorded page-vs-server differences, as `(page, docs, server, source)`.
fn differences(list: &[ir::Difference]) -> TokenStream {
    let items = list.iter().map(|d| {
        let (page, docs, server, source) = (&d.page, &d.docs, &d.server, &d.source);
        quote!((#page, #docs, #server, #source))
    });
    quote!(&[#(#items),*])
}

/// Schema of a response struct. `path` is its module path, for a unique schema id.
pub(super) fn structure(s: &ir::Struct, path: &str) -> TokenStream {
    let name = ident(&s.name);
    let header = header(&s.name, &format!("{path}::{}", s.name));
    let (en, ru) = texts(s.description.as_ref(), &s.name);
    let adds = s.fields.iter().map(|f| {
        let w = wire_type(&f.ty);
        prop(
            &f.wire,
            w,
            &f.description,
            &f.examples,
            &f.differs,
            f.since.as_ref(),
        )
    });
    let required: Vec<&str> = s
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.wire.as_str())
        .collect();
    quote! {
        #[cfg(feature = "schema")]
        impl rt::schemars::JsonSchema for #name {
            #header
            fn json_schema(generator: &mut rt::schemars::SchemaGenerator) -> rt::schemars::Schema {
                let mut p = rt::Props::new(generator);
                #(#adds)*
                p.object(&[#(#required),*], #en, #ru).0
            }
        }
    }
}

/// `p.add::<W>(key, en, ru);`: one property, then its examples, differences and revision
/// where the spec has them.
fn prop(
    wire: &str,
    ty: TokenStream,
    text: &ir::Text,
    examples: &[String],
    differs: &[ir::Difference],
    since: Option<&ir::Since>,
) -> TokenStream {
    let (en, ru) = (&text.en, &text.ru);
    let examples = (!examples.is_empty()).then(|| quote!(p.examples(#wire, &[#(#examples),*]);));
    let differs = (!differs.is_empty()).then(|| {
        let list = differences(differs);
        quote!(p.differs(#wire, #list);)
    });
    let since = since.map(|s| {
        let args = since_args(s);
        quote!(p.since(#wire, #args);)
    });
    quote!(p.add::<#ty>(#wire, #en, #ru); #examples #differs #since)
}

/// The type whose schema describes what a parameter sends: its Rust type, except dates, whose
/// serialized form the wire reader's schema describes.
/// The schema type of a parameter: its value's, or `"Y"`/`"N"` for a flag sent that way.
fn param_schema_of(p: &ir::Param) -> TokenStream {
    if p.yes_no {
        quote!(rt::YesNo)
    } else {
        param_schema_type(&p.ty)
    }
}

fn param_schema_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Scalar(Scalar::DateTime) => wire_type(ty),
        ir::Ty::Array(inner) => {
            let inner = param_schema_type(inner);
            quote!(Vec<#inner>)
        }
        other => rust_type(other),
    }
}

/// `(wire, schema)` of a one-of member, texts and all read from the method's registry entry.
fn member(p: &ir::Param) -> TokenStream {
    let wire = &p.wire;
    let ty = param_schema_of(p);
    quote!((#wire, rt::param_schema::<#ty>(generator, &DESCRIPTOR, #wire)))
}

/// Schema of a one-of selector: a `oneOf` of single-key objects.
pub(super) fn selector(m: &ir::Method, g: &ir::OneOf, path: &str) -> TokenStream {
    let name = ident(&g.name);
    let header = header(&g.name, &format!("{path}::{}", g.name));
    let (en, ru) = (&g.description.en, &g.description.ru);
    let members = m.members(g).map(member);
    quote! {
        #[cfg(feature = "schema")]
        impl rt::schemars::JsonSchema for #name {
            #header
            fn json_schema(generator: &mut rt::schemars::SchemaGenerator) -> rt::schemars::Schema {
                rt::one_of(vec![#(#members),*], #en, #ru)
            }
        }
    }
}

/// Schema of a params struct: its fields, and every flattened selector.
pub(super) fn params_struct(
    m: &ir::Method,
    name: &str,
    groups: &[ir::OneOf],
    path: &str,
) -> TokenStream {
    let type_name = ident(name);
    let header = header(name, &format!("{path}::{name}"));
    let adds = m.plain_params().map(|p| {
        let wire = &p.wire;
        let ty = param_schema_of(p);
        quote!(p.param::<#ty>(&DESCRIPTOR, #wire);)
    });
    let required: Vec<&str> = m
        .plain_params()
        .filter(|p| p.required)
        .map(|p| p.wire.as_str())
        .collect();
    let group_types: Vec<_> = groups.iter().map(|g| ident(&g.name)).collect();
    let object = quote!(p.object(&[#(#required),*], "Request parameters.", "Параметры запроса."));
    let body = if group_types.is_empty() {
        quote!(#object.0)
    } else {
        quote! {
            let (mut schema, generator) = #object;
            let groups = vec![#(generator.subschema_for::<#group_types>().to_value()),*];
            schema.insert(String::from("allOf"), rt::Value::Array(groups));
            schema
        }
    };
    let binding = if m.plain_params().next().is_some() {
        quote!(let mut p)
    } else {
        quote!(let p)
    };
    quote! {
        #[cfg(feature = "schema")]
        impl rt::schemars::JsonSchema for #type_name {
            #header
            fn json_schema(generator: &mut rt::schemars::SchemaGenerator) -> rt::schemars::Schema {
                #binding = rt::Props::new(generator);
                #(#adds)*
                #body
            }
        }
    }
}

/// Schema of a method's error body, listing its codes and the system codes.
pub(super) fn error_enum(m: &ir::Method, system: &[ir::ErrorCode], path: &str) -> TokenStream {
    if m.errors.is_empty() {
        return quote!(); // an alias of `common::AnyError`, which has its own schema
    }
    error_schema(&m.error_enum, &m.name, &m.errors, system, path)
}

/// Schema of `common::AnyError`.
pub(super) fn any_error(system: &[ir::ErrorCode]) -> TokenStream {
    error_schema("AnyError", "any method", &[], system, "b24_spec::common")
}

fn error_schema(
    enum_name: &str,
    method: &str,
    own: &[ir::ErrorCode],
    system: &[ir::ErrorCode],
    path: &str,
) -> TokenStream {
    let name = ident(enum_name);
    let header = header(enum_name, &format!("{path}::{enum_name}"));
    let mut codes: Vec<&str> = own.iter().map(|e| e.code.as_str()).collect();
    for e in system {
        if !codes.contains(&e.code.as_str()) {
            codes.push(&e.code);
        }
    }
    quote! {
        #[cfg(feature = "schema")]
        impl rt::schemars::JsonSchema for #name {
            #header
            fn json_schema(_: &mut rt::schemars::SchemaGenerator) -> rt::schemars::Schema {
                rt::error_body(#method, &[#(#codes),*])
            }
        }
    }
}
