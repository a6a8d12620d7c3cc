//! Response structs: plain fields, a lenient hand-rolled `Deserialize`, and derived `Serialize`.
//!
//! `Deserialize` is generated instead of derived so that one pass over the map can accept what
//! portals really send (numeric strings, `[]` for `{}`) and keep unknown keys without serde's
//! `flatten` buffering.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident};
use crate::ir;

/// The Rust type of a value.
pub fn rust_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Id => quote!(u64),
        ir::Ty::Integer => quote!(i64),
        ir::Ty::Number => quote!(f64),
        ir::Ty::String => quote!(String),
        ir::Ty::Boolean => quote!(bool),
        ir::Ty::DateTime => quote!(::b24_spec::DateTime),
        ir::Ty::UserCode => quote!(::b24_spec::UserCode),
        ir::Ty::DialogId => quote!(::b24_spec::DialogId),
        ir::Ty::Json => quote!(rt::Value),
        ir::Ty::Local(name) => {
            let name = ident(name);
            quote!(#name)
        }
        ir::Ty::Shared(name) => {
            let name = ident(name);
            quote!(::b24_spec::common::#name)
        }
        ir::Ty::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        ir::Ty::Nullable(inner) => {
            let inner = rust_type(inner);
            quote!(Option<#inner>)
        }
    }
}

/// The lenient wire wrapper that decodes a value (see `b24_spec::__private::Wire`).
pub fn wire_type(ty: &ir::Ty) -> TokenStream {
    match ty {
        ir::Ty::Id => quote!(rt::Id),
        ir::Ty::Integer => quote!(rt::Int),
        ir::Ty::Number => quote!(rt::Float),
        ir::Ty::String => quote!(rt::Text),
        ir::Ty::Boolean => quote!(rt::Flag),
        ir::Ty::DateTime => quote!(rt::Timestamp),
        ir::Ty::Array(inner) => {
            let inner = wire_type(inner);
            quote!(rt::List<#inner>)
        }
        ir::Ty::Nullable(inner) => {
            let inner = wire_type(inner);
            quote!(rt::Nullable<#inner>)
        }
        ir::Ty::Local(_) | ir::Ty::Shared(_) => {
            let ty = rust_type(ty);
            quote!(rt::Object<#ty>)
        }
        other => {
            let ty = rust_type(other);
            quote!(rt::Plain<#ty>)
        }
    }
}

/// A struct with its `Deserialize` impl.
pub fn structure(s: &ir::Struct, shared: bool) -> TokenStream {
    let name = ident(&s.name);
    let doc = match &s.description {
        Some(d) => d.en.clone(),
        None => format!("`{}` object.", s.name),
    };
    let doc = if shared {
        doc
    } else {
        format!("{doc}\n\nUnknown keys are kept in `extra`, so re-serializing loses nothing.")
    };
    let fields = s.fields.iter().map(|f| {
        let rust = ident(&f.rust);
        let wire = &f.wire;
        let ty = field_type(f);
        let doc = docs::field(f);
        let skip = if f.required {
            quote!()
        } else {
            quote!(, skip_serializing_if = "Option::is_none")
        };
        let doc = super::Doc::from(doc);
        quote! {
            #doc
            #[serde(rename = #wire #skip)]
            pub #rust: #ty,
        }
    });
    let deserialize = deserialize_impl(s);
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, rt::serde::Serialize)]
        #[serde(crate = "::b24_spec::__private::serde")]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Keys the spec does not describe, exactly as the portal sent them.
            #[serde(flatten)]
            pub extra: rt::Map,
        }
        #deserialize
    }
}

/// Field type: the value type, wrapped in `Option` when the key may be missing.
fn field_type(f: &ir::Field) -> TokenStream {
    let ty = rust_type(&f.ty);
    if f.required { ty } else { quote!(Option<#ty>) }
}

fn deserialize_impl(s: &ir::Struct) -> TokenStream {
    let name = ident(&s.name);
    let expecting = format!("a `{}` object", s.name);
    let slots = s.fields.iter().map(|f| {
        let slot = slot_ident(f);
        let ty = rust_type(&f.ty);
        quote!(let mut #slot: Option<#ty> = None;)
    });
    let arms = s.fields.iter().map(|f| {
        let slot = slot_ident(f);
        let wire = &f.wire;
        let wire_ty = wire_type(&f.ty);
        quote! {
            #wire => {
                #slot = Some(
                    rt::Wire::into_value(
                        map.next_value::<#wire_ty>()?,
                    ),
                );
            }
        }
    });
    let inits = s.fields.iter().map(|f| {
        let slot = slot_ident(f);
        let rust = ident(&f.rust);
        let wire = &f.wire;
        if f.required {
            quote! {
                #rust: #slot.ok_or_else(|| {
                    <__A::Error as rt::serde::de::Error>::missing_field(#wire)
                })?,
            }
        } else {
            quote!(#rust: #slot,)
        }
    });
    quote! {
        impl<'de> rt::serde::Deserialize<'de> for #name {
            fn deserialize<__D>(deserializer: __D) -> Result<Self, __D::Error>
            where
                __D: rt::serde::Deserializer<'de>,
            {
                struct __Visitor;

                impl<'de> rt::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;

                    fn expecting(
                        &self,
                        f: &mut ::std::fmt::Formatter<'_>,
                    ) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_seq<__A>(self, seq: __A) -> Result<#name, __A::Error>
                    where
                        __A: rt::serde::de::SeqAccess<'de>,
                    {
                        rt::php_empty_array(seq)?;
                        self.visit_map(rt::empty_map::<__A::Error>())
                    }

                    fn visit_map<__A>(self, mut map: __A) -> Result<#name, __A::Error>
                    where
                        __A: rt::serde::de::MapAccess<'de>,
                    {
                        #(#slots)*
                        let mut extra = rt::Map::new();
                        while let Some(key) =
                            map.next_key::<rt::Key<'de>>()?
                        {
                            match key.as_str() {
                                #(#arms)*
                                _ => {
                                    extra.insert(key.into_string(), map.next_value()?);
                                }
                            }
                        }
                        Ok(#name {
                            #(#inits)*
                            extra,
                        })
                    }
                }

                deserializer.deserialize_any(__Visitor)
            }
        }
    }
}

fn slot_ident(f: &ir::Field) -> proc_macro2::Ident {
    ident(&format!("__{}", f.rust))
}
