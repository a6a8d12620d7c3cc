//! Static descriptors: what tools can learn about each method without calling it.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir;

fn text(t: &ir::Text) -> TokenStream {
    let (en, ru) = (&t.en, &t.ru);
    quote!(::b24_spec::LocalizedText::__new(#en, #ru))
}

/// `revision, counter, read_with, key, source`: the arguments of `Since::__new` and of the
/// schema's `x-since` helpers.
pub(super) fn since_args(s: &ir::Since) -> TokenStream {
    let revision = proc_macro2::Literal::u32_unsuffixed(s.revision);
    let (counter, read_with, key, source) = (
        &s.counter.name,
        &s.counter.read_with,
        &s.counter.key,
        &s.source,
    );
    quote!(#revision, #counter, #read_with, #key, #source)
}

fn since_value(s: &ir::Since) -> TokenStream {
    let args = since_args(s);
    quote!(::b24_spec::Since::__new(#args))
}

fn since(v: Option<&ir::Since>) -> TokenStream {
    match v {
        Some(s) => {
            let value = since_value(s);
            quote!(Some(#value))
        }
        None => quote!(None),
    }
}

fn difference(at: &str, d: &ir::Difference) -> TokenStream {
    let (page, docs, server, source) = (&d.page, &d.docs, &d.server, &d.source);
    quote!(::b24_spec::DocDifference::__new(#at, #page, #docs, #server, #source))
}

/// Every recorded difference of a method, with where it applies: `param DIALOG_ID`,
/// `result.background_id`, `error DIALOG_ID_EMPTY`.
fn differences(m: &ir::Method) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for p in &m.params {
        for d in &p.differs {
            out.push(difference(&format!("param {}", p.wire), d));
        }
    }
    out.extend(m.result_differs.iter().map(|d| difference("result", d)));
    walk_fields(m, &m.result, "result", &mut |at, f| {
        out.extend(f.differs.iter().map(|d| difference(at, d)));
    });
    for e in &m.errors {
        for d in &e.differs {
            out.push(difference(&format!("error {}", e.code), d));
        }
    }
    out
}

/// Calls `visit(path, field)` for every field below a value of `ty` at `path` (`result.x`,
/// `result.list[].y`), in spec order.
fn walk_fields<'a>(
    m: &'a ir::Method,
    ty: &'a ir::Ty,
    path: &str,
    visit: &mut dyn FnMut(&str, &'a ir::Field),
) {
    match ty {
        ir::Ty::Local(name) => {
            let Some(s) = m.structs.iter().find(|s| &s.name == name) else {
                return;
            };
            for f in &s.fields {
                let at = format!("{path}.{}", f.wire);
                visit(&at, f);
                walk_fields(m, &f.ty, &at, visit);
            }
        }
        ir::Ty::Array(inner) => walk_fields(m, inner, &format!("{path}[]"), visit),
        ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => walk_fields(m, inner, path, visit),
        _ => {}
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
    let class = ident(e.class);
    let retry_after = match e.retry_after {
        Some(v) => {
            let v = proc_macro2::Literal::u32_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    };
    quote!(::b24_spec::ErrorDescriptor::__new(
        #code,
        #status,
        #message,
        #meaning,
        ::b24_spec::ErrorClass::#class,
        #retry_after
    ))
}

/// Wire paths below `result` that a batch command may reference: `restrictions.avatar`,
/// `mute_list[]`, and `[]`, `[].id` when the result is a list. The view's walk, not
/// [`walk_fields`]: a reference can point into a shared object too, while a shared object's
/// differences and revisions are its own, not the method's.
fn result_fields(m: &ir::Method, api: &ir::Api) -> Vec<String> {
    crate::view::MethodInfo::new(m, api)
        .result_fields()
        .into_iter()
        .filter_map(|f| {
            let below = f.path.strip_prefix("result")?;
            Some(below.strip_prefix('.').unwrap_or(below).to_string())
        })
        .collect()
}

/// `DESCRIPTOR` inside a method's module.
pub(super) fn method_descriptor(m: &ir::Method, api: &ir::Api) -> TokenStream {
    let name = &m.name;
    let scope = &m.scope;
    let access = text(&m.access);
    let description = text(&m.description);
    let params = m.params.iter().map(|p| {
        let wire = &p.wire;
        let ty = &p.spec_type;
        let required = p.required;
        let one_of = option_str(p.one_of.as_deref());
        let since = since(p.since.as_ref());
        let description = text(&p.description);
        let examples = &p.examples;
        quote! {
            ::b24_spec::ParamDescriptor::__new(
                #wire,
                #ty,
                #required,
                #one_of,
                #since,
                #description,
                &[#(#examples),*]
            )
        }
    });
    let errors = m.errors.iter().map(error_descriptor);
    let differences = differences(m);
    let safe = m.safe_to_repeat;
    let mut since_list: Vec<(String, &ir::Since)> = Vec::new();
    walk_fields(m, &m.result, "result", &mut |at, f| {
        if let Some(s) = &f.since {
            since_list.push((at.to_string(), s));
        }
    });
    let fields_since = since_list
        .iter()
        .map(|(path, s)| {
            let s = since_value(s);
            quote!((#path, #s))
        })
        .collect::<Vec<_>>();
    let result_fields = result_fields(m, api);
    let doc = format!("Registry entry for `{name}`.");
    let doc = super::Doc::from(doc);
    quote! {
        #doc
        pub static DESCRIPTOR: ::b24_spec::MethodDescriptor = ::b24_spec::MethodDescriptor::__new(
            #name,
            #scope,
            #access,
            #description,
            &[#(#params),*],
            &[#(#errors),*],
            &[#(#differences),*],
            #safe,
            &[#(#fields_since),*],
            &[#(#result_fields),*],
        );
    }
}

/// `METHODS` and `SYSTEM_ERRORS` at the crate root.
pub(super) fn statics(api: &ir::Api) -> TokenStream {
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
    let arms: Vec<TokenStream> = arms.collect();
    let body = if arms.is_empty() {
        // No area is compiled in.
        quote!(let _ = (name, visitor); None)
    } else {
        quote! {
            match name {
                #(#arms)*
                _ => None,
            }
        }
    };
    quote! {
        /// Runs `visitor` with the method called `name`; `None` when the spec has no such method.
        ///
        /// This is how tools go from a name typed by a user to the method's types.
        pub fn with_method<V: ::b24_spec::MethodVisitor>(name: &str, visitor: V) -> Option<V::Output> {
            #body
        }

        /// Every method in the spec, sorted by name.
        pub static METHODS: &[&::b24_spec::MethodDescriptor] = &[#(#methods),*];

        /// Errors any method can answer with, as listed in the spec.
        pub static SYSTEM_ERRORS: &[::b24_spec::ErrorDescriptor] = &[#(#system),*];
    }
}
