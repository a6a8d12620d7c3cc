//! Response structs: `Option` fields, a lenient `Deserialize` and a `Serialize` that gives
//! back what arrived.
//!
//! Each struct gets one `Record::visit_map` (one pass over the map, unknown keys kept, a value
//! that does not fit recorded as a correction instead of failing) and a `Serialize` that writes
//! a corrected field's original value back. The shared logic lives in the runtime; each field
//! costs one line per impl, and no `?`: the runtime keeps the first error.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident};
use crate::ir;

/// The Rust type of a value.
pub(super) fn rust_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Scalar(s) => s.rust_type(),
        ir::Ty::Local(name) | ir::Ty::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
        ir::Ty::Shared(name) => {
            let name = ident(name);
            quote!(crate::common::#name)
        }
        ir::Ty::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => {
            let inner = rust_type(inner);
            quote!(Option<#inner>)
        }
    }
}

/// The wire marker that reads a value leniently (see `b24_spec::__private::Wire`).
pub(super) fn wire_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Scalar(s) => s.wire_type(),
        ir::Ty::Enum(_) => {
            let ty = rust_type(ty);
            quote!(rt::Named<#ty>)
        }
        ir::Ty::Array(inner) => {
            let inner = wire_type(inner);
            quote!(rt::List<#inner>)
        }
        ir::Ty::Nullable(inner) => {
            let inner = wire_type(inner);
            quote!(rt::Nullable<#inner>)
        }
        ir::Ty::EmptyIsNone(inner) => {
            let inner = wire_type(inner);
            quote!(rt::EmptyIsNone<#inner>)
        }
        ir::Ty::Local(_) | ir::Ty::Shared(_) => {
            let ty = rust_type(ty);
            quote!(rt::Object<#ty>)
        }
    }
}

/// The wire marker of a method's `result`: an object result keeps a non-object value as its
/// own correction; any other result is an `Option` that is `None` when the value did not fit
/// (the response's corrections keep it), so no result fails the answer.
pub(super) fn result_wire_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Local(_) | ir::Ty::Shared(_) => {
            let ty = rust_type(ty);
            quote!(rt::Whole<#ty>)
        }
        other => {
            let inner = wire_type(other);
            quote!(rt::Top<#inner>)
        }
    }
}

/// The Rust type of a method's `result` (see [`result_wire_type`]).
pub(super) fn result_rust_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Local(_) | ir::Ty::Shared(_) => rust_type(ty),
        other => {
            let inner = rust_type(other);
            quote!(Option<#inner>)
        }
    }
}

/// Whether values of `ty` may hold generated objects (and so corrections of their own).
fn holds_objects(ty: &ir::Ty) -> bool {
    match ty {
        ir::Ty::Local(_) | ir::Ty::Shared(_) => true,
        ir::Ty::Array(inner) | ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => {
            holds_objects(inner)
        }
        _ => false,
    }
}

/// A struct with its `Record`, `Deserialize`, `Serialize` and `Corrected` impls.
pub(super) fn structure(s: &ir::Struct) -> TokenStream {
    let name = ident(&s.name);
    let doc = match &s.description {
        Some(d) => d.en.clone(),
        None => format!("`{}` object.", s.name),
    };
    let doc = format!(
        "{doc}\n\nEvery field is an `Option`: `None` when the answer lacked it or sent a value \
         that does not fit, which `corrections` keeps and [`::b24_spec::Corrected`] reports; \
         unknown keys are kept in `extra`. In tests, build one from `{}::default()`.",
        s.name
    );
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let ty = rust_type(&f.ty);
        let doc = super::Doc::from(docs::field(f));
        quote! {
            #doc
            pub #rust: Option<#ty>,
        }
    });
    let arms = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let w = wire_type(&f.ty);
        quote!(#wire => f.take::<#w>(&mut self.#rust, #wire),)
    });
    let requires = s.fields.iter().filter(|f| f.required).map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let w = wire_type(&f.ty);
        quote!(f.require::<#w, _>(&self.#rust, #wire);)
    });
    let puts = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        if matches!(f.ty, ir::Ty::EmptyIsNone(_)) {
            quote!(w.field_empty_if_none(#wire, &self.#rust);)
        } else {
            quote!(w.field(#wire, &self.#rust);)
        }
    });
    let nested = s.fields.iter().filter(|f| holds_objects(&f.ty)).map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        quote!(rt::collect_field(&self.#rust, #wire, path, out);)
    });
    let struct_name = &s.name;
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Keys the spec does not describe, exactly as the portal sent them.
            pub extra: rt::Map,
            /// Values that did not fit the spec, kept as sent; [`::b24_spec::Corrected`] lists them with paths.
            pub corrections: ::b24_spec::Corrections,
        }

        impl rt::Record for #name {
            const NAME: &'static str = #struct_name;
            fn visit_map<'de, __A>(&mut self, map: __A) -> Result<(), __A::Error>
            where
                __A: rt::serde::de::MapAccess<'de>,
            {
                let mut f = rt::Fields::new(map, &mut self.corrections, &mut self.extra);
                while let Some(key) = f.next_key()? {
                    match key.as_str() {
                        #(#arms)*
                        _ => f.keep(key),
                    }?;
                }
                #(#requires)*
                Ok(())
            }
            #[inline]
            fn corrections_mut(&mut self) -> &mut ::b24_spec::Corrections {
                &mut self.corrections
            }
        }

        impl<'de> rt::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(d: __D) -> Result<Self, __D::Error>
            where
                __D: rt::serde::Deserializer<'de>,
            {
                rt::deserialize_record(d)
            }
        }

        impl rt::serde::Serialize for #name {
            fn serialize<__S>(&self, s: __S) -> Result<__S::Ok, __S::Error>
            where
                __S: rt::serde::Serializer,
            {
                let mut w = rt::Writer::record(s, &self.corrections, &self.extra);
                #(#puts)*
                w.end()
            }
        }

        impl ::b24_spec::Corrected for #name {
            #[inline]
            fn collect_deviations(&self, path: &str, out: &mut Vec<::b24_spec::Deviation>) {
                rt::collect_own(&self.corrections, path, out);
                #(#nested)*
            }
        }
    }
}

/// An open enum: a variant per known value, old numeric forms, and an opaque catch-all.
pub(super) fn open_enum(e: &ir::OpenEnum) -> TokenStream {
    let name = ident(&e.name);
    let doc = super::Doc::from(format!(
        "{}\n\nAn open set: the list grows with portal versions, so a value this crate does not \
         know is kept as sent in `Unknown` (read it with [`{}::as_str`]).",
        e.description.en, e.name
    ));
    let variants = e.values.iter().map(|(wire, variant)| {
        let variant = ident(variant);
        let doc = format!("`{wire}`.");
        quote!(#[doc = #doc] #variant,)
    });
    let has_legacy = !e.legacy.is_empty();
    let legacy_variant = has_legacy.then(|| {
        let forms: Vec<String> = e.legacy.iter().map(|(w, _)| format!("`\"{w}\"`")).collect();
        let doc = format!(
            "An old form older portals may still send ({}), kept as sent; [`{}::known`] gives \
             the value it stands for, where known.",
            forms.join(", "),
            e.name
        );
        quote!(#[doc = #doc] Legacy(&'static str),)
    });
    let as_str_arms = e.values.iter().map(|(wire, variant)| {
        let variant = ident(variant);
        quote!(Self::#variant => #wire,)
    });
    let legacy_as_str = has_legacy.then(|| quote!(Self::Legacy(text) => text,));
    let from_arms = e.values.iter().map(|(wire, variant)| {
        let variant = ident(variant);
        quote!(#wire => Self::#variant,)
    });
    let legacy_from = e
        .legacy
        .iter()
        .map(|(wire, _)| quote!(#wire => Self::Legacy(#wire),));
    let known_arms = e.legacy.iter().map(|(wire, means)| match means {
        Some(variant) => {
            let variant = ident(variant);
            quote!(Self::Legacy(#wire) => Some(Self::#variant),)
        }
        None => quote!(Self::Legacy(#wire) => None,),
    });
    let legacy_rest = has_legacy.then(|| quote!(Self::Legacy(_) => None,));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #legacy_variant
            /// A value this crate does not know (yet), kept as sent.
            Unknown(::b24_spec::UnknownValue),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    #legacy_as_str
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// The named value this stands for: itself, the name behind an old form where
            /// known, `None` for unknown values.
            pub fn known(&self) -> Option<Self> {
                match self {
                    #(#known_arms)*
                    #legacy_rest
                    Self::Unknown(_) => None,
                    other => Some(other.clone()),
                }
            }
        }

        impl From<&str> for #name {
            fn from(text: &str) -> Self {
                match text {
                    #(#from_arms)*
                    #(#legacy_from)*
                    other => Self::Unknown(::b24_spec::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rt::serde::Serialize for #name {
            fn serialize<__S>(&self, s: __S) -> Result<__S::Ok, __S::Error>
            where
                __S: rt::serde::Serializer,
            {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> rt::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(d: __D) -> Result<Self, __D::Error>
            where
                __D: rt::serde::Deserializer<'de>,
            {
                rt::deserialize_named(d)
            }
        }

        impl ::b24_spec::Corrected for #name {
            fn collect_deviations(&self, _: &str, _: &mut Vec<::b24_spec::Deviation>) {}
        }
    }
}
