//! Static descriptors: what tools can learn about each method without calling it.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir;

fn text(t: &ir::Text) -> TokenStream {
    let (en, ru) = (&t.en, &t.ru);
    quote!(::b24_spec::LocalizedText { en: #en, ru: #ru })
}

fn option_u32(v: Option<u32>) -> TokenStream {
    match v.map(proc_macro2::Literal::u32_unsuffixed) {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn option_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn error_descriptor(e: &ir::ErrorCode) -> TokenStream {
    let code = &e.code;
    let status = proc_macro2::Literal::u16_unsuffixed(e.status);
    let message = text(&e.message);
    let meaning = text(&e.meaning);
    quote! {
        ::b24_spec::ErrorDescriptor {
            code: #code,
            status: #status,
            message: #message,
            meaning: #meaning,
        }
    }
}

/// `DESCRIPTOR` inside a method's module.
pub fn method_descriptor(m: &ir::Method) -> TokenStream {
    let name = &m.name;
    let scope = &m.scope;
    let access = text(&m.access);
    let description = text(&m.description);
    let params = m.param_list.iter().map(|p| {
        let wire = &p.wire;
        let ty = &p.spec_type;
        let required = p.required;
        let one_of = option_str(p.one_of.as_deref());
        let since = option_u32(p.since);
        let description = text(&p.description);
        quote! {
            ::b24_spec::ParamDescriptor {
                wire_name: #wire,
                spec_type: #ty,
                required: #required,
                one_of: #one_of,
                since: #since,
                description: #description,
            }
        }
    });
    let errors = m.errors.iter().map(error_descriptor);
    let doc = format!("Registry entry for `{name}`.");
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        pub static DESCRIPTOR: ::b24_spec::MethodDescriptor = ::b24_spec::MethodDescriptor {
            name: #name,
            scope: #scope,
            access: #access,
            description: #description,
            params: &[#(#params),*],
            errors: &[#(#errors),*],
        };
    }
}

/// `METHODS` and `SYSTEM_ERRORS` at the crate root.
pub fn statics(api: &ir::Api) -> TokenStream {
    let methods = api.methods.iter().map(|m| {
        let path = m.module.iter().map(|s| ident(s));
        quote!(&#(#path::)*DESCRIPTOR)
    });
    let system = api.system_errors.iter().map(error_descriptor);
    let arms = api.methods.iter().map(|m| {
        let name = &m.name;
        let path = m.module.iter().map(|s| ident(s));
        let marker = ident(&m.marker);
        quote!(#name => Some(visitor.visit::<#(#path::)*#marker>()),)
    });
    quote! {
        /// Runs `visitor` with the method called `name`; `None` when the spec has no such method.
        ///
        /// This is how tools go from a name typed by a user to the method's types.
        pub fn with_method<V: ::b24_spec::MethodVisitor>(name: &str, visitor: V) -> Option<V::Output> {
            match name {
                #(#arms)*
                _ => None,
            }
        }

        /// Every method in the spec, sorted by name.
        pub static METHODS: &[&::b24_spec::MethodDescriptor] = &[#(#methods),*];

        /// Errors any method can answer with, as listed in the spec.
        pub static SYSTEM_ERRORS: &[::b24_spec::ErrorDescriptor] = &[#(#system),*];
    }
}
