//! `methods [--json]`: what the registry holds.

use serde_json::{Value, json};

fn since(s: &b24_spec::Since) -> Value {
    json!({
        "revision": s.revision,
        "counter": s.counter,
        "read_with": s.read_with,
        "key": s.key,
        "source": s.source,
    })
}

fn error(e: &b24_spec::ErrorDescriptor) -> Value {
    json!({"code": e.code, "status": e.status, "class": e.class.as_str(), "retry_after": e.retry_after})
}

pub fn run(as_json: bool) -> u8 {
    if as_json {
        let list: Vec<Value> = b24_spec::methods()
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "scope": m.scope,
                    "params": m.params.iter().map(|p| json!({
                        "name": p.wire_name,
                        "type": p.spec_type,
                        "required": p.required,
                        "one_of": p.one_of,
                        "since": p.since.as_ref().map(since),
                    })).collect::<Vec<_>>(),
                    "safe_to_repeat": m.safe_to_repeat,
                    "result_fields": m.result_fields,
                    "fields_since": m.fields_since.iter().map(|(path, s)| json!({"path": path, "since": since(s)})).collect::<Vec<_>>(),
                    "errors": m.errors.iter().map(error).collect::<Vec<_>>(),
                    "differs_from_docs": m.differences.iter().map(|d| json!({
                        "at": d.at,
                        "page": d.page,
                        "docs": d.docs,
                        "server": d.server,
                        "source": d.source,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let all = json!({
            "methods": list,
            "system_errors": b24_spec::SYSTEM_ERRORS.iter().map(error).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
        return 0;
    }
    for m in b24_spec::methods() {
        let repeat = if m.safe_to_repeat {
            "safe to repeat"
        } else {
            "not safe to repeat"
        };
        println!("{} (scope: {}; {repeat})", m.name, m.scope);
        for p in m.params {
            let mut facts = vec![p.spec_type.to_string()];
            if p.required {
                facts.push("required".into());
            }
            if let Some(group) = p.one_of {
                facts.push(format!("one of `{group}`"));
            }
            if let Some(since) = p.since {
                facts.push(format!(
                    "since revision {} of {} ({} → {})",
                    since.revision, since.counter, since.read_with, since.key
                ));
            }
            println!("  param {}: {}", p.wire_name, facts.join(", "));
        }
        for e in m.errors {
            println!("  error {} ({}): {}", e.code, e.status, e.class.as_str());
        }
        for d in m.differences {
            println!(
                "  differs from docs at {}: {} says {}; the server {} (source: {})",
                d.at, d.page, d.docs, d.server, d.source
            );
        }
    }
    println!(
        "{} methods; {} system errors apply to all of them",
        b24_spec::methods().len(),
        b24_spec::SYSTEM_ERRORS.len()
    );
    0
}
